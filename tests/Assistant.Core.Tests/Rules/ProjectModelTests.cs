using Assistant.Core.Python.Parsing;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Rules;

/// <summary><see cref="ProjectModel.Modules"/>: path order, the same answer every time, and no way for a rule to change it.</summary>
public sealed class ProjectModelTests
{
    private static PythonModule Module(string path) => InProcessParser.TryParse(path, "x = 1\n", SourceEncoding.Utf8, true)!.Module!;

    [Fact]
    public void Modules_Should_Be_In_Path_Order_Whatever_Order_They_Were_Given_In()
    {
        var project = new ProjectModel([Module("pkg/b.py"), Module("a.py"), Module("pkg/a.py"), Module("B.py")]);

        Assert.Equal(["B.py", "a.py", "pkg/a.py", "pkg/b.py"], project.Modules.Select(m => m.Path));
        Assert.Equal(project.Modules.Select(m => m.Path), project.Modules.Select(m => m.Path));
    }

    [Fact]
    public void Modules_Should_Not_Be_Changeable_Through_The_Sequence_It_Hands_Out()
    {
        var project = new ProjectModel([Module("a.py"), Module("b.py")]);
        var modules = project.Modules;

        if (modules is ICollection<PythonModule> collection)
        {
            Assert.True(collection.IsReadOnly);
            Assert.Throws<NotSupportedException>(() => collection.Clear());
        }

        Assert.Equal(["a.py", "b.py"], project.Modules.Select(m => m.Path));
    }
}
