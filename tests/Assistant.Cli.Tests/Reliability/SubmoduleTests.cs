using System.Text.Json;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// A repository with a real git submodule that holds Prefect 1 flows: scan reports the submodule and does not
/// scan it, and migrate leaves it alone (a flow branch of the parent cannot commit the submodule's files). Asked
/// (<c>--submodules</c> or <c>submodules: true</c>), the submodule's flows are listed and converted by <c>convert</c>,
/// refused by the parent's <c>migrate</c> with the command to run, and migrate on a branch of the submodule's own
/// repository when flowmigrate runs there; the submodule's checkout never changes.
/// </summary>
public sealed class SubmoduleTests : IDisposable
{
    private readonly TempRepo _vendor = new("vendor");
    private readonly TempRepo _repo = new("parent");

    private const string VendoredId = "vendor/shared/flows/vendored.py::vendored";

    private string Submodule => Path.Combine(_repo.Root, "vendor", "shared");

    private void CreateRepositoryWithSubmodule()
    {
        _vendor.Init().Write("flows/vendored.py", TempRepo.PrefectFlow("vendored")).Commit();
        _repo.Init().Write("flows/own.py", TempRepo.PrefectFlow("own")).Commit();
        var added = _repo.Git("-c", "protocol.file.allow=always", "submodule", "add", "-q", _vendor.Root, "vendor/shared");
        Assert.True(added.ExitCode == 0, added.Output);
        _repo.Commit("vendor");
    }

    private string[] Branches(string root) =>
        TempRepo.Run(root, "for-each-ref", "--format=%(refname:short)", "refs/heads/flowmigrate/").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private string SubmoduleState() =>
        $"{TempRepo.Run(Submodule, "rev-parse", "HEAD").Output}|{TempRepo.Run(Submodule, "status", "--porcelain").Output}|" +
        Convert.ToHexString(File.ReadAllBytes(Path.Combine(Submodule, "flows", "vendored.py")));

    [Fact]
    public async Task Should_Report_A_Submodule_Without_Scanning_Or_Migrating_Its_Flows()
    {
        CreateRepositoryWithSubmodule();

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

    [Fact]
    public async Task Should_List_Submodule_Flows_When_Asked_And_Migrate_Them_Only_In_The_Submodules_Own_Repository()
    {
        CreateRepositoryWithSubmodule();
        var submoduleBefore = SubmoduleState();

        var scan = await Flowmigrate.RunAsync(_repo.Root, "scan", "--json", "--submodules", _repo.Root);

        Assert.True(scan.ExitCode == 0, scan.Error);
        using (var json = JsonDocument.Parse(scan.Output))
        {
            var flows = json.RootElement.GetProperty("flows").EnumerateArray().ToList();
            Assert.Equal(["flows/own.py::own", VendoredId], flows.Select(f => f.GetProperty("id").GetString()));
            Assert.Equal("vendor/shared", flows[1].GetProperty("repository").GetString());
            Assert.False(flows[0].TryGetProperty("repository", out _));
            Assert.True(json.RootElement.GetProperty("nested_repositories_scanned").GetBoolean());
        }

        var status = await Flowmigrate.RunAsync(_repo.Root, "status", "--json", "--submodules", _repo.Root);

        Assert.True(status.ExitCode == 0, status.Error);
        using (var json = JsonDocument.Parse(status.Output))
        {
            var vendored = json.RootElement.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("id").GetString() == VendoredId);
            Assert.Equal("skipped", vendored.GetProperty("state").GetString());
            Assert.Contains("flowmigrate migrate vendor/shared --flow flows/vendored.py::vendored", vendored.GetProperty("note").GetString());
        }

        var before = _repo.Snapshot();
        var refused = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--flow", VendoredId, "--submodules", "--yes", "--no-check");
        Flowmigrate.AssertRefused(refused, 2, "is in the submodule vendor/shared, its own repository");
        Assert.Contains("flowmigrate migrate vendor/shared --flow flows/vendored.py::vendored", refused.Error);
        Assert.Equal(before, _repo.Snapshot());

        // The setting, committed, asks for it without the flag.
        _repo.Write(".flowmigrate/config.yaml", "submodules: true\n").Commit("config");
        var all = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check");

        Assert.True(all.ExitCode == 0, all.Output + all.Error);
        Assert.Equal(["flowmigrate/flows.own.own"], Branches(_repo.Root));
        Assert.Equal(submoduleBefore, SubmoduleState());

        // The documented way: flowmigrate run in the submodule gives the flow a branch of the submodule's own repository.
        var inside = await Flowmigrate.RunAsync(Submodule, "migrate", "--flow", "flows/vendored.py::vendored", "--yes", "--no-check");

        Assert.True(inside.ExitCode == 0, inside.Output + inside.Error);
        Assert.Equal(["flowmigrate/flows.vendored.vendored"], Branches(Submodule));
        Assert.Equal(["flowmigrate/flows.own.own"], Branches(_repo.Root));
        Assert.Contains("flows_v2/flows/vendored.py", TempRepo.Run(Submodule, "ls-tree", "-r", "--name-only", "flowmigrate/flows.vendored.vendored").Output);
        Assert.Equal(submoduleBefore, SubmoduleState());
        Assert.Equal(string.Empty, _repo.Git("status", "--porcelain").Output);
        Assert.Equal(0, TempRepo.Run(Submodule, "fsck", "--no-progress").ExitCode);
        Assert.Equal(0, _repo.Git("fsck", "--no-progress").ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Should_Convert_The_Submodules_Flows_Only_When_Asked_Into_The_Copy(bool asked)
    {
        CreateRepositoryWithSubmodule();
        var before = _repo.Snapshot();
        var output = Path.Combine(_repo.Root + "-out");
        try
        {
            string[] arguments = ["convert", _repo.Root, "--out", output, .. asked ? new[] { "--submodules" } : []];
            var result = await Flowmigrate.RunAsync(_repo.Root, arguments);

            Assert.True(result.ExitCode == 0, result.Output + result.Error);
            var vendored = File.ReadAllText(Path.Combine(output, "vendor", "shared", "flows", "vendored.py"));
            Assert.Equal(!asked, vendored.Contains("with Flow(", StringComparison.Ordinal));
            Assert.DoesNotContain("with Flow(", File.ReadAllText(Path.Combine(output, "flows", "own.py")), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "vendor", "shared", ".git")), "the submodule's .git link was copied into the converted tree");
            Assert.Equal(before, _repo.Snapshot());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }
        }
    }

    public void Dispose()
    {
        _repo.Dispose();
        _vendor.Dispose();
    }
}
