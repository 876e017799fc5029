using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Plans a unit's steps in its worktree: loads the scope as it stands on the branch (the converted
/// copy when one exists), runs one step of the ruleset, and lists its changes and TODOs.
/// </summary>
internal sealed class FlowPlanner(ModuleParser parser, TreeLayout layout)
{
    private readonly StepEngine _engine = new(parser);

    public async Task<ProjectModel> LoadAsync(string worktree, MigrationUnit unit, CancellationToken cancellationToken)
    {
        var modules = new List<PythonModule>();
        var others = ProjectContextFilesReader.Read(worktree);
        foreach (var path in unit.Files)
        {
            var converted = Path.Combine(worktree, layout.OutputPath(path));
            var source = File.Exists(converted) ? converted : Path.Combine(worktree, path);
            if (!File.Exists(source))
            {
                continue;
            }

            var decoded = SourceFileReader.Decode(await File.ReadAllBytesAsync(source, cancellationToken));
            if (!decoded.IsSuccess)
            {
                throw new SessionException(SessionRefusal.InvalidConfig, $"{path}: {decoded.Error}");
            }

            if (!path.EndsWith(".py", StringComparison.Ordinal))
            {
                others[path] = decoded.Text!;
                continue;
            }

            var parsed = await parser.ParseAsync(path, decoded.Text!, decoded.Encoding, cancellationToken);
            if (parsed.Module is null)
            {
                throw new SessionException(SessionRefusal.InvalidConfig, $"{path} does not parse on the branch: {parsed.SyntaxError}");
            }

            modules.Add(parsed.Module);
        }

        return new ProjectModel(modules, others);
    }

    public async Task<StepPreview> PreviewAsync(Ruleset ruleset, MigrationStep step, StepState state, ProjectModel project, MigrationUnit unit,
        RuleOptions options, FixPolicy policy, IReadOnlyDictionary<string, string> edits, CancellationToken cancellationToken)
    {
        var request = StepRequest.For(ruleset, step, project, unit.Files.Where(f => project.ModuleAt(f) is not null || project.OtherFiles.ContainsKey(f)).ToList(), options, policy);
        var outcome = await _engine.RunAsync(request, cancellationToken);
        var files = outcome.Files.Select(f => edits.TryGetValue(f.Path, out var edited) ? f with { After = edited } : f).ToList();
        outcome = outcome with { Files = files };
        var changes = files.SelectMany(f =>
                f.Applied.Where(a => a.Finding.Fix is not null).Select(a => Change(f.Path, a, enabled: true))
                    .Concat(f.Declined.Select(a => Change(f.Path, a, enabled: false))))
            .ToList();
        var todos = files.SelectMany(NewTodos).ToList();
        var problems = outcome.Problems.Concat(files.SelectMany(f => f.Problems)).ToList();
        return new StepPreview(new StepView(step, state), files, changes, todos, problems, outcome);
    }

    private static ProposedChange Change(string file, AppliedFinding applied, bool enabled) => new(
        new ChangeKey(applied.Finding.RuleId, file, applied.Anchor),
        applied.Finding.RuleId,
        applied.Finding.Fix?.Safety ?? Safety.Manual,
        applied.Finding.Fix?.Description ?? applied.Finding.Message,
        file,
        applied.Line,
        enabled);

    // The TODO markers the step adds: those in the new text that the old text did not have.
    private static IEnumerable<TodoItem> NewTodos(FileChange change)
    {
        var before = TodoComment.Find(change.Before).Select(t => (t.RuleId, t.Text)).ToList();
        foreach (var (line, ruleId, text) in TodoComment.Find(change.After))
        {
            if (!before.Remove((ruleId, text)))
            {
                yield return new TodoItem(ruleId, change.Path, line, text);
            }
        }
    }
}
