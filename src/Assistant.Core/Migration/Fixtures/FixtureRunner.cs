using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Fixtures;

/// <summary>
/// Runs fixtures through the same pipeline the product uses, with review fixes applied (fixtures
/// show the exact rewrite a user would accept), and checks three things: the output equals the
/// expected text, it parses, and running the rules again on it changes nothing.
/// </summary>
public sealed class FixtureRunner(ModuleParser parser)
{
    private readonly ConversionPipeline _pipeline = new(parser);

    public async Task<FixtureOutcome> RunAsync(Ruleset ruleset, Fixture fixture, RuleOptions baseOptions, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var options = FixtureOptions.Apply(baseOptions, fixture.Options);
        var project = await LoadAsync(fixture.Inputs, problems, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return new FixtureOutcome(fixture, [], problems);
        }

        var scope = Scope(ruleset, fixture.Scope);
        if (scope is null)
        {
            return new FixtureOutcome(fixture, [], [$"'{fixture.Scope}' is neither a rule of {ruleset.Id} nor 'pipeline'"]);
        }

        var paths = fixture.Inputs.Keys.Order(StringComparer.Ordinal).ToList();
        var first = await _pipeline.RunAsync(ruleset, project, paths, options, FixPolicy.SafeAndReview, scope, cancellationToken).ConfigureAwait(false);
        problems.AddRange(first.Steps.SelectMany(s => s.Problems.Concat(s.Files.SelectMany(f => f.Problems))));
        var outputs = Outputs(first.Project, fixture.Inputs.Keys.Concat(first.Generated.Select(g => g.Path)));
        var second = await _pipeline.RunAsync(ruleset, first.Project, outputs.Keys.ToList(), options, FixPolicy.SafeAndReview, scope, cancellationToken).ConfigureAwait(false);
        foreach (var change in second.Steps.SelectMany(s => s.Files).Where(f => f.IsChanged))
        {
            problems.Add($"{change.Path}: not idempotent; a second run changed it ({string.Join(", ", change.Applied.Select(a => a.Finding.RuleId).Distinct())})");
        }

        var files = fixture.Expected.Keys.Union(outputs.Keys).Order(StringComparer.Ordinal)
            .Select(path => new FixtureFileResult(path, fixture.Expected.GetValueOrDefault(path), outputs.GetValueOrDefault(path) ?? "<not produced>"))
            .ToList();
        return new FixtureOutcome(fixture, files, problems);
    }

    private async Task<ProjectModel> LoadAsync(IReadOnlyDictionary<string, string> inputs, List<string> problems, CancellationToken cancellationToken)
    {
        var modules = new List<PythonModule>();
        var others = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in inputs)
        {
            if (!path.EndsWith(".py", StringComparison.Ordinal))
            {
                others[path] = text;
                continue;
            }

            var parsed = await parser.ParseAsync(path, text, SourceEncoding.Utf8, cancellationToken).ConfigureAwait(false);
            if (parsed.Module is null)
            {
                problems.Add($"{path}: the fixture input does not parse: {parsed.SyntaxError}");
                continue;
            }

            modules.Add(parsed.Module);
        }

        return new ProjectModel(modules, others);
    }

    private static Dictionary<string, string> Outputs(ProjectModel project, IEnumerable<string> paths) =>
        paths.Distinct().ToDictionary(
            path => path,
            path => project.ModuleAt(path)?.Text ?? project.OtherFiles.GetValueOrDefault(path) ?? "<missing>",
            StringComparer.Ordinal);

    // A rule id narrows every step to that one rule; "pipeline" runs the ruleset as it is.
    private static Func<MigrationStep, StepRequest, StepRequest>? Scope(Ruleset ruleset, string scope)
    {
        if (scope == "pipeline")
        {
            return (_, request) => request;
        }

        var rule = ruleset.Rules.FirstOrDefault(r => r.Descriptor.Id == scope);
        var fileRule = ruleset.FileRules.FirstOrDefault(r => r.Descriptor.Id == scope);
        if (rule is null && fileRule is null)
        {
            return null;
        }

        return (_, request) => request with
        {
            Rules = request.Rules.Where(r => ReferenceEquals(r, rule)).ToList(),
            FileRules = request.FileRules.Where(r => ReferenceEquals(r, fileRule)).ToList(),
        };
    }
}
