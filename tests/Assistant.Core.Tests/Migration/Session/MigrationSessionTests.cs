using Assistant.Core.Migration.Session;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Migration.Session;

public sealed class MigrationSessionTests(SharedWorker shared) : IClassFixture<SharedWorker>, IDisposable
{
    private readonly SessionTestRuleset _rules = new();

    [Fact]
    public async Task Should_Commit_Each_Step_On_The_Flow_Branch_Without_Touching_A_Dirty_Checkout()
    {
        using var repo = FlyteTestRepo.Create();
        repo.WriteFile("flows/etl.py", repo.ReadFile("flows/etl.py") + "# my uncommitted edit\n");
        repo.WriteFile("notes.txt", "untracked\n");
        var before = DirectorySnapshot.OfCheckout(repo.Path);

        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
        Assert.Equal("imports", wizard.Current!.Step.Step.Id);
        while (wizard.Current is not null)
        {
            Assert.True((await wizard.AcceptAsync()).IsSuccess);
        }

        Assert.Empty(DirectorySnapshot.OfCheckout(repo.Path).DifferencesFrom(before));
        var log = repo.Git("log", "--format=%s%n%(trailers:only,unfold)%x00", "main..flowmigrate/flows.etl.etl").Split('\0', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, log.Length);
        Assert.StartsWith("flowmigrate: etl — Triggers", log[0]);
        Assert.Contains("Flowmigrate-Step: triggers", log[0]);
        Assert.Contains("Flowmigrate-Complete: true", log[0]);
        Assert.Contains("Flowmigrate-Flow: flows/etl.py::etl", log[2]);
        Assert.Contains("Flowmigrate-Ruleset: flyte1-to-flyte2@0.1", log[2]);
        Assert.Contains("Flowmigrate-Step: imports", log[2]);

        var converted = repo.Git("show", "flowmigrate/flows.etl.etl:flows_v2/flows/etl.py");
        Assert.Contains("from flyte import workflow, LaunchPlan", converted);
        Assert.Contains("@flow_task", converted);
        Assert.Contains("# TODO(flowmigrate T03): turn this launch plan into a trigger", converted);
        Assert.Equal("def scale(x):\n    return x * 2\n", repo.Git("show", "flowmigrate/flows.etl.etl:flows_v2/helpers/util.py"));
        Assert.Equal(string.Empty, repo.Git("show", "flowmigrate/flows.etl.etl:flows_v2/flows/__init__.py"));

        // The finished flow's worktree waits, detached, for the next flow of the session (SpareWorktree); the branch is free.
        Assert.DoesNotContain("[flowmigrate/flows.etl.etl]", repo.Git("worktree", "list"));
        var status = (await session.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Etl);
        Assert.Equal((FlowState.Committed, "flowmigrate/flows.etl.etl", 1), (status.State, status.Branch, status.Todos));
        await session.DisposeAsync();
        Assert.DoesNotContain("/.git/flowmigrate/worktrees/", repo.Git("worktree", "list"));
    }

    [Fact]
    public async Task Should_Resume_On_The_Same_Step_In_A_New_Session_And_Without_The_Local_State_File()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var first = await OpenAsync(repo))
        {
            var wizard = await first.OpenAsync(FlyteTestRepo.Report);
            await wizard.AcceptAsync();
            Assert.Equal("decorators", wizard.Current!.Step.Step.Id);
        }

        File.Delete(Path.Combine(repo.GitDir, "flowmigrate", "state.json"));
        await using var second = await OpenAsync(repo);
        var status = (await second.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Report);
        Assert.Equal((FlowState.InProgress, 2), (status.State, status.Step));
        var resumed = await second.OpenAsync(FlyteTestRepo.Report);
        Assert.Equal("decorators", resumed.Current!.Step.Step.Id);
        Assert.Equal([StepState.Committed, StepState.Current, StepState.Pending, StepState.Pending], resumed.Steps.Select(s => s.State));
    }

    [Fact]
    public async Task Should_Record_A_Skipped_Step_And_A_Change_Turned_Off_In_The_Next_Commit()
    {
        using var repo = FlyteTestRepo.Create();
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
        await wizard.SkipAsync();
        Assert.Equal("decorators", wizard.Current!.Step.Step.Id);
        var change = Assert.Single(wizard.Current.Changes);
        await wizard.ToggleAsync(change.Key);
        Assert.False(Assert.Single(wizard.Current.Changes).IsEnabled);
        Assert.True(wizard.Current.IsEmpty);

        var commit = await wizard.AcceptAsync();

        Assert.True(commit.IsSuccess, commit.Error);
        var message = repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.etl.etl");
        Assert.Contains("Flowmigrate-Skipped-Step: imports", message);
        Assert.Contains($"Flowmigrate-Skipped: {change.Key}", message);
        Assert.Contains("from flytekit import", repo.Git("show", "flowmigrate/flows.etl.etl:flows_v2/flows/etl.py"));
        Assert.Contains("@workflow", repo.Git("show", "flowmigrate/flows.etl.etl:flows_v2/flows/etl.py"));
    }

    [Fact]
    public async Task Should_Keep_A_Skipped_Step_Skipped_After_Accepting_The_Next_One()
    {
        using var repo = FlyteTestRepo.Create();
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(FlyteTestRepo.Etl);

        await wizard.SkipAsync();
        await wizard.AcceptAsync();

        Assert.Equal("triggers", wizard.Current!.Step.Step.Id);
        Assert.Equal(StepState.Skipped, wizard.Steps.Single(s => s.Step.Id == "imports").State);
    }

    [Fact]
    public async Task Should_Let_Two_Flows_Sharing_A_Module_Merge_Cleanly_And_Report_Merged()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            foreach (var id in new[] { FlyteTestRepo.Etl, FlyteTestRepo.Report })
            {
                var wizard = await session.OpenAsync(id);
                while (wizard.Current is not null)
                {
                    Assert.True((await wizard.AcceptAsync()).IsSuccess);
                }
            }
        }

        repo.Git("merge", "--no-edit", "flowmigrate/flows.etl.etl");
        var merge = repo.TryGit("merge", "--no-edit", "flowmigrate/flows.report.report");
        Assert.True(merge.ExitCode == 0, merge.StandardError);

        await using var after = await OpenAsync(repo);
        var states = (await after.StatusAsync()).ToDictionary(s => s.Id, s => s.State);
        Assert.Equal(FlowState.Merged, states[FlyteTestRepo.Etl]);
        Assert.Equal(FlowState.Merged, states[FlyteTestRepo.Report]);
        Assert.Equal(FlowState.Merged, states[FlyteTestRepo.LaunchPlan]);
        Assert.Contains("from flytekit import", repo.ReadFile("flows/tasks.py"));
    }

    [Fact]
    public async Task Should_Migrate_Flows_Sharing_A_Module_Together_In_Place()
    {
        using var repo = FlyteTestRepo.Create();
        repo.WriteFile(".flowmigrate/config.yaml", "mode: in-place\n");
        repo.Commit("in place");

        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(FlyteTestRepo.Report);
        Assert.Equal(["flows/etl.py", "flows/report.py", "flows/tasks.py"], wizard.Current!.Files.Where(f => f.IsChanged).Select(f => f.Path).Order());
        await wizard.AcceptAsync();

        var branches = (await session.StatusAsync()).Select(s => s.Branch).Distinct().ToList();
        Assert.Equal(["flowmigrate/flows.etl.etl"], branches);
        Assert.Contains("from flyte import task", repo.Git("show", "flowmigrate/flows.etl.etl:flows/tasks.py"));
    }

    [Fact]
    public async Task Should_Mark_A_Branch_Behind_When_The_Base_Moves_And_Replan_On_It()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            await (await session.OpenAsync(FlyteTestRepo.Report)).AcceptAsync();
        }

        repo.WriteFile("flows/report.py", repo.ReadFile("flows/report.py") + "\n\n@workflow\ndef extra(x: int) -> int:\n    return double(x=x)\n");
        repo.Commit("teammate adds a workflow");

        string tip;
        await using (var again = await OpenAsync(repo))
        {
            var status = (await again.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Report);
            Assert.True(status.IsBehindBase);
            Assert.Contains("--rewrite", status.Note);
            tip = repo.Git("rev-parse", "flowmigrate/flows.report.report").Trim();

            // Without consent the branch is not rewritten: opening the flow says why and changes nothing.
            var refused = await Assert.ThrowsAsync<SessionException>(() => again.OpenAsync(FlyteTestRepo.Report));
            Assert.Equal(SessionRefusal.RewriteNeeded, refused.Refusal);
            Assert.Contains("flows/report.py", refused.Message);
            Assert.Equal(tip, repo.Git("rev-parse", "flowmigrate/flows.report.report").Trim());
        }

        await using var consenting = await OpenAsync(repo, rewrite: true);
        var wizard = await consenting.OpenAsync(FlyteTestRepo.Report);

        Assert.Contains("1 step(s) replayed", wizard.Replanned);
        Assert.Equal("decorators", wizard.Current!.Step.Step.Id);
        Assert.Equal(tip, repo.Git("rev-parse", "refs/flowmigrate/replaced/flows.report.report").Trim());
        Assert.Equal(["flowmigrate: report — Rename imports"], repo.Git("log", "--format=%s", "main..flowmigrate/flows.report.report").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("0", repo.Git("rev-list", "--count", "flowmigrate/flows.report.report..main").Trim());
        Assert.Contains("def extra", repo.Git("show", "flowmigrate/flows.report.report:flows_v2/flows/report.py"));
        Assert.False((await consenting.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Report).IsBehindBase);
    }

    [Fact]
    public async Task Should_Record_A_Commit_Made_Although_The_Check_Failed()
    {
        using var repo = FlyteTestRepo.Create();
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
        var failed = new FlowCheckReport(false, [new CheckFinding("error", "flows_v2/flows/etl.py", 1, "ImportError: cannot import name 'workflow'", "T01")], TimeSpan.Zero);

        var result = await wizard.AcceptDespiteCheckAsync(failed);

        Assert.True(result.IsSuccess, result.Error);
        var message = repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.etl.etl");
        Assert.Contains("Committed although the check failed:\n- flows_v2/flows/etl.py:1 ImportError: cannot import name 'workflow'", message);
        Assert.Contains("Flowmigrate-Check: failed", message);
        Assert.Contains("Flowmigrate-Step: imports", message);
        Assert.Equal("decorators", wizard.Current!.Step.Step.Id);
    }

    [Fact]
    public async Task Should_Number_The_Step_In_Progress_As_The_Wizard_Does_When_Steps_Between_Are_Empty()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
            await wizard.AcceptAsync();
            await wizard.AcceptAsync();

            Assert.Equal("triggers", wizard.Current!.Step.Step.Id);
            Assert.Equal(StepState.Empty, wizard.Steps.Single(s => s.Step.Id == "images").State);
            Assert.Equal(4, wizard.Flow.Step);
        }

        File.Delete(Path.Combine(repo.GitDir, "flowmigrate", "state.json"));
        await using var again = await OpenAsync(repo);
        var status = (await again.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Etl);
        Assert.Equal((FlowState.InProgress, 4), (status.State, status.Step));
        Assert.Contains("Flowmigrate-Empty-Step: images", repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.etl.etl"));
    }

    [Fact]
    public async Task Should_Go_On_With_A_Branch_Behind_The_Base_When_The_Base_Did_Not_Touch_Its_Files()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            await (await session.OpenAsync(FlyteTestRepo.Report)).AcceptAsync();
        }

        var tip = repo.Git("rev-parse", "flowmigrate/flows.report.report").Trim();
        repo.CommitFile("docs/notes.md", "unrelated\n", "teammate writes docs");

        await using var again = await OpenAsync(repo);
        var status = (await again.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Report);
        Assert.True(status.IsBehindBase);
        Assert.Null(status.Note);
        var wizard = await again.OpenAsync(FlyteTestRepo.Report);
        Assert.Null(wizard.Replanned);
        Assert.Equal("decorators", wizard.Current!.Step.Step.Id);
        Assert.Equal(tip, repo.Git("rev-parse", "flowmigrate/flows.report.report").Trim());
    }

    [Fact]
    public async Task Should_Give_Each_Flow_Of_A_File_Its_Own_Branch_Side_By_Side_And_Merge_Both_Cleanly()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            foreach (var id in new[] { FlyteTestRepo.Etl, FlyteTestRepo.LaunchPlan })
            {
                var wizard = await session.OpenAsync(id);
                while (wizard.Current is not null)
                {
                    Assert.True((await wizard.AcceptAsync()).IsSuccess);
                }
            }

            var branches = (await session.StatusAsync()).ToDictionary(s => s.Id, s => (s.State, s.Branch));
            Assert.Equal((FlowState.Committed, "flowmigrate/flows.etl.etl"), branches[FlyteTestRepo.Etl]);
            Assert.Equal((FlowState.Committed, "flowmigrate/flows.etl.etl_lp"), branches[FlyteTestRepo.LaunchPlan]);
            Assert.Equal((FlowState.NotStarted, null), branches[FlyteTestRepo.Report]);
        }

        Assert.Contains("Flowmigrate-Flow: flows/etl.py::etl_lp", repo.Git("log", "-1", "--format=%B", "flowmigrate/flows.etl.etl_lp"));
        Assert.DoesNotContain("Flowmigrate-Flow: flows/etl.py::etl\n", repo.Git("log", "--format=%B", "main..flowmigrate/flows.etl.etl_lp"));
        repo.Git("merge", "--no-edit", "flowmigrate/flows.etl.etl_lp");
        var merge = repo.TryGit("merge", "--no-edit", "flowmigrate/flows.etl.etl");
        Assert.True(merge.ExitCode == 0, merge.StandardError);

        await using var after = await OpenAsync(repo);
        var states = (await after.StatusAsync()).ToDictionary(s => s.Id, s => s.State);
        Assert.Equal(FlowState.Merged, states[FlyteTestRepo.Etl]);
        Assert.Equal(FlowState.Merged, states[FlyteTestRepo.LaunchPlan]);
    }

    [Fact]
    public async Task Should_Run_Gits_Automatic_Maintenance_Once_When_The_Session_Ends_Not_After_Each_Commit()
    {
        using var repo = FlyteTestRepo.Create();
        repo.PackLooseObjectsAtTwo();
        var before = repo.PackCount();
        await using (var session = await OpenAsync(repo))
        {
            var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
            while (wizard.Current is not null)
            {
                Assert.True((await wizard.AcceptAsync()).IsSuccess);
            }

            Assert.Equal(before, repo.PackCount());
        }

        Assert.Equal(before + 1, repo.PackCount());
        Assert.Equal(0, repo.TryGit("fsck", "--no-progress", "--strict").ExitCode);
    }

    [Fact]
    public async Task Should_Move_A_Finished_Flows_Worktree_To_The_Next_Flow_With_Exactly_That_Branchs_Files()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            await FinishAsync(session, FlyteTestRepo.Etl);
            var etlPath = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "flows.etl.etl");
            Assert.Contains(etlPath + " ", repo.Git("worktree", "list", "--porcelain").Replace('\n', ' '));
            Directory.CreateDirectory(Path.Combine(etlPath, "flows", "__pycache__"));
            File.WriteAllText(Path.Combine(etlPath, "flows", "__pycache__", "etl.cpython-311.pyc"), "left by a check");

            var wizard = await session.OpenAsync(FlyteTestRepo.Report);

            // The same worktree, now at report's path on its new branch, holding exactly the branch's files: etl's converted copy
            // and the ignored leftovers are gone; no worktree is left at etl's path.
            var reportPath = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "flows.report.report");
            Assert.False(Directory.Exists(etlPath));
            Assert.Equal("flowmigrate/flows.report.report", repo.Git("-C", reportPath, "symbolic-ref", "--short", "HEAD").Trim());
            Assert.Equal(repo.Git("rev-parse", "main").Trim(), repo.Git("-C", reportPath, "rev-parse", "HEAD").Trim());
            Assert.Equal(string.Empty, repo.Git("-C", reportPath, "status", "--porcelain", "--ignored"));
            Assert.False(File.Exists(Path.Combine(reportPath, "flows_v2", "flows", "etl.py")));
            while (wizard.Current is not null)
            {
                Assert.True((await wizard.AcceptAsync()).IsSuccess);
            }

            Assert.Contains("def report", repo.Git("show", "flowmigrate/flows.report.report:flows_v2/flows/report.py"));
            Assert.DoesNotContain("flows_v2/flows/etl.py", repo.Git("ls-tree", "-r", "--name-only", "flowmigrate/flows.report.report"));
        }

        Assert.DoesNotContain("/.git/flowmigrate/worktrees/", repo.Git("worktree", "list"));
        Assert.Equal(0, repo.TryGit("fsck", "--no-progress", "--strict").ExitCode);
    }

    [Fact]
    public async Task Should_Take_A_Detached_Worktree_A_Killed_Run_Left_At_A_Flows_Path()
    {
        using var repo = FlyteTestRepo.Create();
        var path = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "flows.report.report");
        repo.Git("worktree", "add", "--detach", path, "main");
        File.WriteAllText(Path.Combine(path, "half-written.py"), "x = \n");

        await using (var session = await OpenAsync(repo))
        {
            var wizard = await session.OpenAsync(FlyteTestRepo.Report);
            Assert.Equal("flowmigrate/flows.report.report", repo.Git("-C", path, "symbolic-ref", "--short", "HEAD").Trim());
            Assert.False(File.Exists(Path.Combine(path, "half-written.py")));
            while (wizard.Current is not null)
            {
                Assert.True((await wizard.AcceptAsync()).IsSuccess);
            }
        }

        await using var again = await OpenAsync(repo);
        Assert.Equal(FlowState.Committed, (await again.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Report).State);
        Assert.DoesNotContain("/.git/flowmigrate/worktrees/", repo.Git("worktree", "list"));
    }

    [Fact]
    public async Task Should_Refuse_A_Flows_Path_Used_By_Something_Else_And_Keep_The_Finished_Worktree_For_Later()
    {
        using var repo = FlyteTestRepo.Create();
        var reportPath = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "flows.report.report");
        var etlPath = Path.Combine(repo.GitDir, "flowmigrate", "worktrees", "flows.etl.etl");
        await using var session = await OpenAsync(repo);
        await FinishAsync(session, FlyteTestRepo.Etl);
        Directory.CreateDirectory(reportPath);
        File.WriteAllText(Path.Combine(reportPath, "mine.txt"), "not flowmigrate's\n");

        var refused = await Assert.ThrowsAsync<SessionException>(() => session.OpenAsync(FlyteTestRepo.Report));

        Assert.Equal(SessionRefusal.WorktreePathInUse, refused.Refusal);
        Assert.Equal(1, repo.TryGit("rev-parse", "--verify", "--quiet", "refs/heads/flowmigrate/flows.report.report").ExitCode);
        Assert.True(Directory.Exists(etlPath));
        Directory.Delete(reportPath, recursive: true);
        await session.OpenAsync(FlyteTestRepo.Report);
        Assert.False(Directory.Exists(etlPath));
        Assert.Equal("flowmigrate/flows.report.report", repo.Git("-C", reportPath, "symbolic-ref", "--short", "HEAD").Trim());
    }

    private static async Task FinishAsync(IMigrationSession session, string flowId)
    {
        var wizard = await session.OpenAsync(flowId);
        while (wizard.Current is not null)
        {
            Assert.True((await wizard.AcceptAsync()).IsSuccess);
        }
    }

    [Fact]
    public async Task Should_Tell_From_The_Base_Alone_Which_Flows_Without_A_Branch_Are_Converted_There()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var session = await OpenAsync(repo))
        {
            var wizard = await session.OpenAsync(FlyteTestRepo.Etl);
            while (wizard.Current is not null)
            {
                Assert.True((await wizard.AcceptAsync()).IsSuccess);
            }
        }

        // The branch merged and deleted; report.py converted by hand on the base; a folder where helpers/util.py's copy would go.
        repo.Git("merge", "--no-edit", "flowmigrate/flows.etl.etl");
        repo.Git("branch", "-D", "flowmigrate/flows.etl.etl");
        repo.WriteFile("flows_v2/flows/report.py", "# converted by hand\n");
        repo.Commit("hand-made conversion");

        await using var after = await OpenAsync(repo);
        var statuses = (await after.StatusAsync()).ToDictionary(s => s.Id);
        Assert.Equal(FlowState.Merged, statuses[FlyteTestRepo.Etl].State);
        Assert.Equal(FlowState.Merged, statuses[FlyteTestRepo.LaunchPlan].State);
        Assert.Equal("converted with flows/etl.py::etl (same file), merged into the base", statuses[FlyteTestRepo.LaunchPlan].Note);
        Assert.Equal((FlowState.MigratedOutside, "flows_v2/flows/report.py exists on main without a flowmigrate branch"), (statuses[FlyteTestRepo.Report].State, statuses[FlyteTestRepo.Report].Note));
    }

    [Fact]
    public async Task Should_Refuse_A_Hand_Made_Branch_At_The_Base_But_Resume_Its_Own_Branch_Before_The_First_Commit()
    {
        using var repo = FlyteTestRepo.Create();
        repo.CreateBranch("flowmigrate/flows.etl.etl");
        await using (var session = await OpenAsync(repo))
        {
            Assert.Equal(SessionRefusal.ForeignBranch, (await Assert.ThrowsAsync<SessionException>(() => session.OpenAsync(FlyteTestRepo.Etl))).Refusal);
            Assert.Contains("not made by flowmigrate", (await session.StatusAsync()).Single(s => s.Id == FlyteTestRepo.Etl).Note);

            // The tool's own branch, made when the flow was opened and not committed on yet, is resumed.
            var wizard = await session.OpenAsync(FlyteTestRepo.Report);
            Assert.Equal("imports", wizard.Current!.Step.Step.Id);
        }

        await using var again = await OpenAsync(repo);
        Assert.Equal("imports", (await again.OpenAsync(FlyteTestRepo.Report)).Current!.Step.Step.Id);
        Assert.Equal((FlowState.InProgress, 1), (await again.StatusAsync()).Where(s => s.Id == FlyteTestRepo.Report).Select(s => (s.State, s.Step)).Single());
    }

    [Fact]
    public async Task Should_Refuse_A_Flowmigrate_Branch_It_Did_Not_Make()
    {
        using var repo = FlyteTestRepo.Create();
        repo.CreateBranch("flowmigrate/flows.etl.etl");
        repo.Checkout("flowmigrate/flows.etl.etl");
        repo.WriteFile("mine.txt", "hand made\n");
        repo.Commit("someone else's work");
        repo.Checkout("main");

        await using var session = await OpenAsync(repo);
        var error = await Assert.ThrowsAsync<SessionException>(() => session.OpenAsync(FlyteTestRepo.Etl));
        Assert.Equal(SessionRefusal.ForeignBranch, error.Refusal);
    }

    [Fact]
    public async Task Should_Refuse_Repositories_It_Cannot_Work_On_And_Change_Nothing()
    {
        using var notRepo = new TempDirectory();
        Assert.Equal(SessionRefusal.NotARepository, (await Assert.ThrowsAsync<SessionException>(() => OpenAsync(notRepo.Path))).Refusal);

        using var empty = TempGitRepo.Create();
        Assert.Equal(SessionRefusal.NoCommits, (await Assert.ThrowsAsync<SessionException>(() => OpenAsync(empty.Path))).Refusal);

        using var detached = FlyteTestRepo.Create();
        detached.Git("checkout", "--quiet", "--detach");
        Assert.Equal(SessionRefusal.DetachedHead, (await Assert.ThrowsAsync<SessionException>(() => OpenAsync(detached.Path))).Refusal);

        using var merging = FlyteTestRepo.Create();
        merging.CreateBranch("other");
        merging.CommitFile("flows/report.py", "x = 1\n", "main side");
        merging.Checkout("other");
        merging.CommitFile("flows/report.py", "x = 2\n", "other side");
        merging.TryGit("merge", "main");
        var snapshot = DirectorySnapshot.OfCheckout(merging.Path);
        Assert.Equal(SessionRefusal.OperationInProgress, (await Assert.ThrowsAsync<SessionException>(() => OpenAsync(merging.Path))).Refusal);
        Assert.Empty(DirectorySnapshot.OfCheckout(merging.Path).DifferencesFrom(snapshot));
    }

    [Fact]
    public async Task Should_Refuse_A_Second_Session_On_The_Same_Repository_And_Say_Who_Holds_It()
    {
        using var repo = FlyteTestRepo.Create();
        await using (var first = await OpenAsync(repo))
        {
            var error = await Assert.ThrowsAsync<SessionException>(() => OpenAsync(repo));
            Assert.Equal(SessionRefusal.Locked, error.Refusal);
            Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        }

        await using var afterwards = await OpenAsync(repo);
    }

    [Fact]
    public async Task Should_Take_Over_A_Lock_Left_By_A_Dead_Process()
    {
        using var repo = FlyteTestRepo.Create();
        Directory.CreateDirectory(Path.Combine(repo.GitDir, "flowmigrate"));
        File.WriteAllText(Path.Combine(repo.GitDir, "flowmigrate", "lock"), $"999999\n{Environment.MachineName}\n2026-01-01T00:00:00Z\n");

        await using var session = await OpenAsync(repo);
        Assert.NotEmpty(session.Inventory.Flows);
    }

    [Fact]
    public async Task Should_Report_A_Failing_Pre_Commit_Hook_With_Its_Output_And_Commit_When_Hooks_Are_Skipped()
    {
        using var repo = FlyteTestRepo.Create();
        repo.InstallHook("pre-commit", "#!/bin/sh\necho 'black would reformat flows/etl.py' >&2\nexit 1\n");
        await using var session = await OpenAsync(repo);
        var wizard = await session.OpenAsync(FlyteTestRepo.Etl);

        var rejected = await wizard.AcceptAsync();

        Assert.False(rejected.IsSuccess);
        Assert.True(rejected.HookFailed);
        Assert.Contains("black would reformat", rejected.Error);
        Assert.Equal("imports", wizard.Current!.Step.Step.Id);
        Assert.Equal("0", repo.Git("rev-list", "--count", "main..flowmigrate/flows.etl.etl").Trim());

        var accepted = await wizard.AcceptAsync(skipHooks: true);

        Assert.True(accepted.IsSuccess, accepted.Error);
        Assert.Equal("decorators", wizard.Current!.Step.Step.Id);
    }

    private Task<IMigrationSession> OpenAsync(TempGitRepo repo) => OpenAsync(repo.Path);

    private Task<IMigrationSession> OpenAsync(TempGitRepo repo, bool rewrite) =>
        MigrationSession.OpenAsync(new SessionOptions { Root = repo.Path, LoadRuleset = _rules.Load, Rewrite = rewrite }, shared.Worker);

    private Task<IMigrationSession> OpenAsync(string root) =>
        MigrationSession.OpenAsync(new SessionOptions { Root = root, LoadRuleset = _rules.Load }, shared.Worker);

    public void Dispose() => _rules.Dispose();
}
