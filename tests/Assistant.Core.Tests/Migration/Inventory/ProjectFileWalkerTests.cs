using Assistant.Core.Migration.Inventory;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Inventory;

public sealed class ProjectFileWalkerTests
{
    [Fact]
    public void Should_List_Python_Files_In_Ordinal_Order_Including_Hidden_Folders_And_Skipping_Tool_Folders()
    {
        // Given a tree with ordinary, hidden and tool folders, non-Python files and a linked file
        using var root = new TempDirectory();
        foreach (var path in new[]
                 {
                     "b.py", "a.py", "Z.py", "notes.txt", "pkg/__init__.py", "pkg/sub/deep.py", "pkg/data.pyc", ".hidden/flow.py",
                     ".git/hooks/x.py", ".venv/lib/y.py", "venv/z.py", "node_modules/m.py", "pkg/__pycache__/c.py", "site-packages/s.py",
                     "thing.egg-info/e.py", ".tox/t.py",
                 })
        {
            root.Write(path, "x = 1\n");
        }

        File.CreateSymbolicLink(root.Combine("linked.py"), root.Combine("a.py"));

        // When its Python files are listed
        var files = ProjectFileWalker.PythonFiles(root.Path);

        // Then every .py file outside the tool folders is listed, relative with '/', in ordinal order (a linked file too: the
        // inventory reports it)
        Assert.Equal([".hidden/flow.py", "Z.py", "a.py", "b.py", "linked.py", "pkg/__init__.py", "pkg/sub/deep.py"], files);
    }

    [Fact]
    public void Should_Not_Follow_A_Linked_Folder()
    {
        using var root = new TempDirectory();
        using var outside = new TempDirectory();
        root.Write("pkg/a.py", "a = 1\n");
        outside.Write("b.py", "b = 1\n");
        Directory.CreateSymbolicLink(root.Combine("outside"), outside.Path);
        Directory.CreateSymbolicLink(root.Combine("pkg/loop"), root.Path);

        var files = ProjectFileWalker.PythonFiles(root.Path);

        Assert.Equal(["pkg/a.py"], files);
    }

    [Fact]
    public void Should_List_Nested_Repositories_And_Enter_Them_Only_When_Asked()
    {
        // Given a folder holding its own .git (a submodule's is a file, a nested repository's a folder)
        using var root = new TempDirectory();
        root.Write("app.py", "a = 1\n");
        root.Write("libs/sub/.git", "gitdir: ../../.git/modules/sub\n");
        root.Write("libs/sub/lib.py", "b = 1\n");
        root.Write("vendor/repo/.git/HEAD", "ref: refs/heads/main\n");
        root.Write("vendor/repo/mod.py", "c = 1\n");

        // When the files are listed without and with entering them
        var nested = new List<string>();
        var outside = ProjectFileWalker.PythonFiles(root.Path, nestedRepositories: nested);
        var nestedEntered = new List<string>();
        var inside = ProjectFileWalker.PythonFiles(root.Path, nestedRepositories: nestedEntered, enterNestedRepositories: true);

        // Then both are named either way, and their files are listed only when entered
        Assert.Equal(["app.py"], outside);
        Assert.Equal(["libs/sub", "vendor/repo"], nested.Order(StringComparer.Ordinal));
        Assert.Equal(["app.py", "libs/sub/lib.py", "vendor/repo/mod.py"], inside);
        Assert.Equal(["libs/sub", "vendor/repo"], nestedEntered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Should_Leave_Out_Excluded_Files_And_Folders()
    {
        using var root = new TempDirectory();
        foreach (var path in new[] { "a.py", "out/converted.py", "out2/kept.py", "pkg/skip.py", "pkg/keep.py" })
        {
            root.Write(path, "x = 1\n");
        }

        var files = ProjectFileWalker.PythonFiles(root.Path, excludedPrefixes: ["out", "pkg/skip.py"]);

        Assert.Equal(["a.py", "out2/kept.py", "pkg/keep.py"], files);
    }
}
