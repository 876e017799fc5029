using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>A real installed framework is used only when its major version is the target's.</summary>
public sealed class ImportCheckerPackageTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static void Install(CheckWorkspace workspace, string version)
    {
        workspace.Write("site/prefect/__init__.py", $"__version__ = '{version}'\ndef flow(fn=None, **kw):\n    return fn if fn else (lambda f: f)\n");
        workspace.Write($"site/prefect-{version}.dist-info/METADATA", $"Metadata-Version: 2.1\nName: prefect\nVersion: {version}\n");
    }

    [Fact]
    public async Task Should_Use_An_Installed_Prefect_With_The_Target_Major_Version()
    {
        using var workspace = new CheckWorkspace();
        Install(workspace, "3.1.0");
        var module = workspace.Write("flows/x.py", "import prefect\nprint(prefect.__version__)\n");
        var options = workspace.Options("prefect3") with { SourceRoots = ["site"] };

        var result = await new ImportChecker(shared.Worker, options).CheckAsync([module]);

        Assert.True(result.Passed, string.Join("\n", result.Errors));
        var package = Assert.Single(result.Packages);
        Assert.Equal(("installed", "3.1.0"), (package.Source, package.Version));
        Assert.Equal("3.1.0\n", result.Stdout);
    }

    [Fact]
    public async Task Should_Use_The_StandIn_When_The_Installed_Major_Version_Differs()
    {
        using var workspace = new CheckWorkspace();
        Install(workspace, "2.19.0");
        var module = workspace.Write("flows/x.py", "import prefect\nprint(prefect.__version__)\n");
        var options = workspace.Options("prefect3") with { SourceRoots = ["site"] };

        var result = await new ImportChecker(shared.Worker, options).CheckAsync([module]);

        Assert.True(result.Passed, string.Join("\n", result.Errors));
        var package = Assert.Single(result.Packages);
        Assert.True(package.IsStandIn);
        Assert.Contains("2.19.0", package.Note);
        Assert.Equal("3.8.3\n", result.Stdout);
    }
}
