using Assistant.Core.Python;

namespace Assistant.Core.Tests.Python;

public sealed class PythonInterpreterLocatorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("flowmigrate-locator-");

    [Fact]
    public void Should_Prefer_The_Explicit_Path()
    {
        var python = Touch("custom/python");
        var choice = PythonInterpreterLocator.Locate(python, _root.FullName, Env(("VIRTUAL_ENV", Touch("venvA/bin/python3")[..^"/bin/python3".Length])));
        Assert.Equal((python, "--python"), (choice.Path, choice.ChosenBecause));
    }

    [Fact]
    public void Should_Use_The_Active_Virtual_Environment_Before_The_Repository_Venv()
    {
        var active = Touch("active/bin/python3");
        Touch(".venv/bin/python3");
        var choice = PythonInterpreterLocator.Locate(null, _root.FullName, Env(("VIRTUAL_ENV", Path.Combine(_root.FullName, "active"))));
        Assert.Equal(active, choice.Path);
    }

    [Fact]
    public void Should_Use_The_Repository_Venv_Then_Venv()
    {
        var venv = Touch("venv/bin/python");
        Assert.Equal(venv, PythonInterpreterLocator.Locate(null, _root.FullName, Env()).Path);
        var dotVenv = Touch(".venv/bin/python3");
        Assert.Equal(dotVenv, PythonInterpreterLocator.Locate(null, _root.FullName, Env()).Path);
    }

    [Fact]
    public void Should_Fall_Back_To_Python3_On_Path()
    {
        var onPath = Touch("bin/python3");
        var choice = PythonInterpreterLocator.Locate(null, null, Env(("PATH", Path.Combine(_root.FullName, "bin"))));
        Assert.Equal((onPath, "python3 on PATH"), (choice.Path, choice.ChosenBecause));
    }

    [Fact]
    public void Should_Say_What_To_Do_When_No_Python_Is_Found()
    {
        var error = Assert.Throws<PythonWorkerException>(() => PythonInterpreterLocator.Locate(null, null, Env(("PATH", _root.FullName))));
        Assert.Equal(PythonWorkerFailure.InterpreterNotFound, error.Failure);
        Assert.Contains("--python", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Missing_Explicit_Path()
    {
        Assert.Throws<PythonWorkerException>(() => PythonInterpreterLocator.Locate("/no/such/python", null, Env()));
    }

    private string Touch(string relative)
    {
        var path = Path.Combine(_root.FullName, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Empty);
        return path;
    }

    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    public void Dispose() => _root.Delete(true);
}
