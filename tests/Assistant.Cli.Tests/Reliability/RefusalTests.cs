using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// Repositories flowmigrate must refuse: the real binary, real git. Each refusal is one line on stderr,
/// the documented exit code, no stack trace, and not one byte changed in the folder (.git included).
/// </summary>
public sealed class RefusalTests : IDisposable
{
    private const string FlowId = "flows/hello.py::hello";
    private readonly TempRepo _repo = new("refuse");

    public static TheoryData<string> SessionVerbs => new() { "status", "migrate", "check" };

    private string[] Verb(string verb, params string[] extra) =>
        [verb, _repo.Root, .. verb == "migrate" ? new[] { "--all", "--no-check" } : [], .. extra];

    private async Task AssertRefusedWithoutChangeAsync(string[] arguments, int exitCode, string message)
    {
        var before = _repo.Snapshot();
        var result = await Flowmigrate.RunAsync(Path.GetTempPath(), arguments);
        Flowmigrate.AssertRefused(result, exitCode, message);
        Assert.Equal(before, _repo.Snapshot());
    }

    private TempRepo Committed() => _repo.Init().Write("flows/hello.py", TempRepo.PrefectFlow("hello")).Commit();

    [Theory]
    [MemberData(nameof(SessionVerbs))]
    [InlineData("scan")]
    public async Task Should_Refuse_A_Path_That_Is_A_File(string verb)
    {
        _repo.Write("flow.py", TempRepo.PrefectFlow("x"));
        string[] arguments = [verb, Path.Combine(_repo.Root, "flow.py"), .. verb == "migrate" ? new[] { "--all" } : []];
        await AssertRefusedWithoutChangeAsync(arguments, 2, "is a file, not a directory");
    }

    [Theory]
    [MemberData(nameof(SessionVerbs))]
    public async Task Should_Refuse_A_Folder_That_Is_Not_A_Git_Repository(string verb)
    {
        _repo.Write("flows/hello.py", TempRepo.PrefectFlow("hello"));
        await AssertRefusedWithoutChangeAsync(Verb(verb), 2, "Not a git repository");
    }

    [Theory]
    [MemberData(nameof(SessionVerbs))]
    public async Task Should_Refuse_A_Repository_Without_Commits(string verb)
    {
        _repo.Init().Write("flows/hello.py", TempRepo.PrefectFlow("hello"));
        await AssertRefusedWithoutChangeAsync(Verb(verb), 2, "has no commits yet");
    }

    [Theory]
    [MemberData(nameof(SessionVerbs))]
    public async Task Should_Refuse_A_Bare_Repository(string verb)
    {
        _repo.Git("init", "-q", "--bare");
        await AssertRefusedWithoutChangeAsync(Verb(verb), 2, "bare repository");
    }

    [Theory]
    [InlineData("status")]
    [InlineData("migrate")]
    public async Task Should_Refuse_A_Detached_Head_Without_Base(string verb)
    {
        Committed().Git("checkout", "-q", "--detach");
        await AssertRefusedWithoutChangeAsync(Verb(verb), 2, "HEAD is detached");
    }

    [Fact]
    public async Task Should_Work_On_A_Detached_Head_With_Base_Main()
    {
        Committed().Git("checkout", "-q", "--detach");
        var result = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--flow", FlowId, "--yes", "--no-check", "--base", "main");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(0, _repo.Git("rev-parse", "--verify", "--quiet", "flowmigrate/flows.hello.hello").ExitCode);
        Assert.Equal("HEAD", _repo.Git("rev-parse", "--abbrev-ref", "HEAD").Output.Trim());
    }

    [Theory]
    [MemberData(nameof(SessionVerbs))]
    public async Task Should_Refuse_While_A_Merge_Is_In_Progress(string verb)
    {
        Conflict();
        Assert.NotEqual(0, _repo.Git("merge", "-q", "other").ExitCode);
        await AssertRefusedWithoutChangeAsync(Verb(verb), 2, "merge in progress");
    }

    [Theory]
    [MemberData(nameof(SessionVerbs))]
    public async Task Should_Refuse_While_A_Rebase_Is_In_Progress(string verb)
    {
        Conflict();
        _repo.Git("checkout", "-q", "other");
        Assert.NotEqual(0, _repo.Git("rebase", "main").ExitCode);
        await AssertRefusedWithoutChangeAsync(Verb(verb), 2, "rebase in progress");
    }

    [Fact]
    public async Task Should_Refuse_To_Migrate_Onto_A_Flowmigrate_Branch_It_Did_Not_Make()
    {
        Committed().Git("checkout", "-q", "-b", "flowmigrate/flows.hello.hello");
        _repo.Write("flows/hello.py", TempRepo.PrefectFlow("hello") + "# someone's own work\n").Commit("my own branch");
        _repo.Git("checkout", "-q", "main");

        await AssertRefusedWithoutChangeAsync(["migrate", _repo.Root, "--flow", FlowId, "--no-check"], 2, "was not made by flowmigrate");
        var status = await Flowmigrate.RunAsync(_repo.Root, "status", _repo.Root);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("not made by flowmigrate", string.Join(" ", status.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Should_Refuse_A_Hand_Made_Flowmigrate_Branch_At_The_Base()
    {
        Committed().Git("branch", "flowmigrate/flows.hello.hello");
        await AssertRefusedWithoutChangeAsync(["migrate", _repo.Root, "--flow", FlowId, "--no-check"], 2, "was not made by flowmigrate");
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("status")]
    [InlineData("migrate")]
    public async Task Should_Refuse_A_Python_That_Is_Not_Python(string verb)
    {
        Committed();
        await AssertRefusedWithoutChangeAsync(Verb(verb, "--python", "/etc/passwd"), 3, "/etc/passwd");
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("status")]
    public async Task Should_Refuse_An_Executable_Text_File_As_Python(string verb)
    {
        Committed();
        var script = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"notpython-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, "#!/bin/sh\necho hello\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await AssertRefusedWithoutChangeAsync(Verb(verb, "--python", script), 3, script);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("status")]
    [InlineData("migrate")]
    public async Task Should_Refuse_A_Python_Path_That_Does_Not_Exist(string verb)
    {
        Committed();
        await AssertRefusedWithoutChangeAsync(Verb(verb, "--python", "/nonexistent/bin/python3"), 3, "no such file");
    }

    private void Conflict()
    {
        Committed().Git("checkout", "-q", "-b", "other");
        _repo.Write("flows/hello.py", TempRepo.PrefectFlow("hello") + "x = 1\n").Commit("other");
        _repo.Git("checkout", "-q", "main");
        _repo.Write("flows/hello.py", TempRepo.PrefectFlow("hello") + "x = 2\n").Commit("main");
    }

    public void Dispose() => _repo.Dispose();
}
