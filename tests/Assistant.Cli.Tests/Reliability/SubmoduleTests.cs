using System.Text.Json;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// A repository with a real git submodule that holds Prefect 1 flows: scan reports the submodule and does not
/// scan it, and migrate leaves it alone (a flow branch of the parent cannot commit the submodule's files).
/// </summary>
public sealed class SubmoduleTests : IDisposable
{
    private readonly TempRepo _vendor = new("vendor");
    private readonly TempRepo _repo = new("parent");

    [Fact]
    public async Task Should_Report_A_Submodule_Without_Scanning_Or_Migrating_Its_Flows()
    {
        _vendor.Init().Write("flows/vendored.py", TempRepo.PrefectFlow("vendored")).Commit();
        _repo.Init().Write("flows/own.py", TempRepo.PrefectFlow("own")).Commit();
        var added = _repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", _vendor.Root, "vendor/shared");
        Assert.True(added.ExitCode == 0, added.Output);
        _repo.Commit("vendor");

        var scan = await Flowmigrate.RunAsync(_repo.Root, "scan", "--json", _repo.Root);

        Assert.True(scan.ExitCode == 0, scan.Error);
        using (var json = JsonDocument.Parse(scan.Output))
        {
            Assert.Equal(["flows/own.py::own"], json.RootElement.GetProperty("flows").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
            Assert.Equal(["vendor/shared"], json.RootElement.GetProperty("nested_repositories").EnumerateArray().Select(p => p.GetString()));
        }

        var table = await Flowmigrate.RunAsync(_repo.Root, "scan", _repo.Root);
        Assert.Contains("not scanned", table.Output);
        Assert.Contains("vendor/shared", table.Output);

        var submodule = Path.Combine(_repo.Root, "vendor", "shared");
        var vendoredBefore = File.ReadAllBytes(Path.Combine(submodule, "flows", "vendored.py"));
        var headBefore = TempRepo.Run(submodule, "rev-parse", "HEAD").Output;
        var migrate = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check");

        Assert.True(migrate.ExitCode == 0, migrate.Output + migrate.Error);
        var branches = _repo.Git("for-each-ref", "--format=%(refname:short)", "refs/heads/flowmigrate/").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["flowmigrate/flows.own.own"], branches);
        Assert.Equal(vendoredBefore, File.ReadAllBytes(Path.Combine(submodule, "flows", "vendored.py")));
        Assert.Equal(headBefore, TempRepo.Run(submodule, "rev-parse", "HEAD").Output);
        Assert.Equal(string.Empty, TempRepo.Run(submodule, "status", "--porcelain").Output);
        Assert.DoesNotContain("vendor/shared", _repo.Git("ls-tree", "-r", "--name-only", branches[0]).Output.Split('\n').Where(p => p.StartsWith("flows_v2/", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        _repo.Dispose();
        _vendor.Dispose();
    }
}
