using Assistant.Core.Migration.Planning;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Planning;

public sealed class ProjectContextFilesReaderTests
{
    [Fact]
    public void Should_Read_A_Dockerfile_Beside_A_Package_But_Not_In_Hidden_Or_Virtualenv_Folders()
    {
        using var repo = new TempDirectory();
        repo.Write("Makefile", "all:\n");
        repo.Write("examples/basics/Dockerfile", "FROM python:3.11\n");
        repo.Write("examples/basics/basics/hello.py", "x = 1\n");
        repo.Write(".tox/py/Dockerfile", "FROM hidden\n");
        repo.Write("venv/lib/Dockerfile", "FROM venv\n");

        var files = ProjectContextFilesReader.Read(repo.Path);

        Assert.Equal(["Makefile", "examples/basics/Dockerfile"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("FROM python:3.11\n", files["examples/basics/Dockerfile"]);
    }
}
