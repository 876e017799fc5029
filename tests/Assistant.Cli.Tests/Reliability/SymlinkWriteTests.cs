namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// Symbolic links that lead out of the repository (a flow file, a task module a flow imports, a folder) and a link
/// loop: migrate in both modes and convert finish, never write through a link (the files outside are byte-identical),
/// and convert's copy holds nothing from outside the source folder.
/// </summary>
public sealed class SymlinkWriteTests : IDisposable
{
    private readonly TempRepo _repo = new("links");
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"outside-{Guid.NewGuid():N}");
    private readonly string _out = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"links-out-{Guid.NewGuid():N}");

    private const string TaskModule = "from prefect import task\n\n@task\ndef shared_task():\n    return 2\n";

    private string Outside()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "dir"));
        File.WriteAllText(Path.Combine(_outside, "elsewhere.py"), TempRepo.PrefectFlow("elsewhere"));
        File.WriteAllText(Path.Combine(_outside, "tasks.py"), TaskModule);
        File.WriteAllText(Path.Combine(_outside, "dir", "far.py"), TempRepo.PrefectFlow("far"));
        _repo.Write("flows/own.py", "from prefect import Flow\nfrom shared.tasks import shared_task\n\nwith Flow(\"own\") as flow:\n    shared_task()\n");
        Directory.CreateDirectory(Path.Combine(_repo.Root, "shared"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "shared", "tasks.py"), Path.Combine(_outside, "tasks.py"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "link.py"), Path.Combine(_outside, "elsewhere.py"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "linked"), Path.Combine(_outside, "dir"));
        File.CreateSymbolicLink(Path.Combine(_repo.Root, "shared", "up"), "..");
        return Snapshot(_outside);
    }

    [Theory]
    [InlineData("side-by-side")]
    [InlineData("in-place")]
    public async Task Migrate_Should_Never_Write_Through_A_Link_Out_Of_The_Repository(string mode)
    {
        var outside = Outside();
        _repo.Init().Commit();
        var checkout = UserCheckout.Snapshot(_repo.Root);

        var result = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check", "--mode", mode);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(outside, Snapshot(_outside));
        Assert.Equal(checkout, UserCheckout.Snapshot(_repo.Root));
        var branches = _repo.Git("for-each-ref", "--format=%(refname:short)", "refs/heads/flowmigrate/").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["flowmigrate/flows.own.own"], branches);
        var changed = _repo.Git("diff", "--name-only", "main", branches[0]).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("shared/tasks.py", changed);
        Assert.DoesNotContain("link.py", changed);
        Assert.Equal("120000", _repo.Git("ls-tree", branches[0], "shared/tasks.py").Output.Split(' ')[0]);
        Assert.Equal(0, _repo.Git("fsck", "--no-progress").ExitCode);
    }

    [Fact]
    public async Task Convert_Should_Finish_Beside_Link_Loops_And_Copy_Nothing_From_Outside()
    {
        var outside = Outside();

        var result = await Flowmigrate.RunAsync(_repo.Root, "convert", _repo.Root, "--out", _out);

        Assert.True(result.ExitCode is 0 or 1, result.Output + result.Error);
        Assert.DoesNotContain("   at ", result.Output + result.Error);
        Assert.Equal(outside, Snapshot(_outside));
        Assert.True(File.Exists(Path.Combine(_out, "flows", "own.py")));
        Assert.False(Directory.Exists(Path.Combine(_out, "linked")), "convert copied a linked folder from outside the source");
        Assert.False(File.Exists(Path.Combine(_out, "link.py")), "convert copied a linked file from outside the source");
        Assert.False(Directory.Exists(Path.Combine(_out, "shared", "up")), "convert followed a link loop");
    }

    private static string Snapshot(string root) => string.Join('\n', Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true })
        .Order(StringComparer.Ordinal)
        .Select(f => $"{f}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))}"));

    public void Dispose()
    {
        _repo.Dispose();
        foreach (var folder in new[] { _outside, _out })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, true);
            }
        }
    }
}
