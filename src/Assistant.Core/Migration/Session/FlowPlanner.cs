using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Plans a unit's steps in its worktree: loads the scope as it stands on the branch (the converted
/// copy when one exists), runs one step of the ruleset, and lists its changes and TODOs. <paramref name="flowFiles"/>: the files
/// that define the repository's flows (the inventory's), read as context.
/// </summary>
internal sealed class FlowPlanner(ModuleParser parser, TreeLayout layout, IReadOnlyList<string> flowFiles)
{
    private readonly StepEngine _engine = new(parser);

    public Task<ProjectModel> LoadAsync(string worktree, MigrationUnit unit, CancellationToken cancellationToken) =>
        LoadAsync(ProjectContextFilesReader.Read(worktree), unit, async (relative, token) =>
        {
            var path = Path.Combine(worktree, relative);
            return File.Exists(path) ? await File.ReadAllBytesAsync(path, token) : null;
        }, cancellationToken);

    /// <summary>
    /// Loads the scope through <paramref name="read"/> (repo-relative path to bytes, null when absent): the converted copy when one
    /// exists, with the project modules it imports from (<see cref="ImportedProjectModules"/>).
    /// </summary>
    public async Task<ProjectModel> LoadAsync(Dictionary<string, string> others, MigrationUnit unit, Func<string, CancellationToken, Task<byte[]?>> read,
        CancellationToken cancellationToken)
    {
        // Every step loads the unit's files, what they import and every flow file again: each a look-up in the parse cache when
        // it holds them all (at 5,000 files, 483 flow files: the cache's default 64 made each load parse them all anew).
        parser.KeepAtLeast(flowFiles.Count + unit.Files.Count + PythonWorker.CachedParses);
        var modules = new List<PythonModule>();
        foreach (var path in unit.Files)
        {
            var bytes = await read(layout.OutputPath(path), cancellationToken) ?? await read(path, cancellationToken);
            if (bytes is null)
            {
                continue;
            }

            var decoded = SourceFileReader.Decode(bytes);
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

        // The project modules the unit imports from, as the old code sees them (a constants enum, a helper): read for the rules, not converted.
        modules.AddRange(await ImportedProjectModules.ReadAsync(modules, async (path, token) =>
            await read(path, token) is { } bytes ? await parser.ParseBytesAsync(path, bytes, token) : null, cancellationToken));

        // The repository's other flows as they stand (the old code, side by side or before their own migration): read, never
        // converted, so rules that look across flows see them as convert does, e.g. the deployment a flow of flows starts is its child's.
        var seen = modules.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in flowFiles.Where(seen.Add))
        {
            if (await read(path, cancellationToken) is { } bytes && await parser.ParseBytesAsync(path, bytes, cancellationToken) is { } module)
            {
                modules.Add(module);
            }
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
