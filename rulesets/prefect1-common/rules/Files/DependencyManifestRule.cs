using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Rulesets.Prefect.Support;

namespace Assistant.Rulesets.Prefect.Files;

/// <summary>
/// <c>prefect==1.*</c> / <c>prefect==0.15.*</c> pins in requirements files, pyproject.toml, setup.py and
/// Pipfile (and a bare <c>prefect</c> line in a requirements file) → the target's prefect, plus the integration
/// packages the converted code imports (<c>prefect_dask</c> → <c>prefect-dask</c>, …), found in the project's modules (reference §16),
/// and the libraries the converted task-library functions call (<c>docker</c>, <c>PyMySQL</c>, …; table <c>python_packages</c>).
/// </summary>
public abstract partial class DependencyManifestRule(string id) : PrefectFileRule(
    id, "prefect-dependency-pin", "deployment", Safety.Review,
    "prefect==1.x / 0.15 pins → the target prefect + integration packages",
    "The converted code needs the target's prefect and the integrations it imports (reference/prefect.md §16).",
    "prefect==1.4.1\n→\nprefect>=3.5,<4\nprefect-dask")
{
    public override bool AppliesTo(string path)
    {
        var name = path.Split('/')[^1];
        return (name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal))
            || name is "pyproject.toml" or "setup.py" or "Pipfile";
    }

    // The Prefect 1 / 0.15 requirement: a 1.x or 0.15 pin, or (requirements files) a bare `prefect` line, which a
    // Prefect 1 project wrote when 1.x was the latest release.
    private static Match? Prefect1Requirement(string path, string text)
    {
        var match = Pin().Match(text);
        if (match.Success)
        {
            var version = match.Groups["spec"].Value;
            return Prefect1Spec().IsMatch(version) || BelowTwo().IsMatch(version) ? match : null;
        }

        var bare = Bare().Match(text);
        return bare.Success && path.Split('/')[^1].EndsWith(".txt", StringComparison.Ordinal) ? bare : null;
    }

    public override IEnumerable<Finding> Analyze(FileRuleContext context)
    {
        if (Prefect1Requirement(context.Path, context.Text) is not { } match)
        {
            yield break;
        }

        var version = match.Groups["spec"].Value;
        var requirement = PrefectTarget.PrefectRequirement(context.Options);
        var imported = context.Project.Modules.SelectMany(m => m.Imports())
            .SelectMany(i => i.IsFrom ? [i.Module ?? string.Empty, .. i.Names.Select(n => $"{i.Module}.{n.Name}")] : i.Names.Select(n => n.Name))
            .Where(m => m.Length > 0 && context.Project.FindModule(m.Split('.')[0]) is null)
            .ToHashSet(StringComparer.Ordinal);
        var integrations = imported.Select(m => m.Split('.')[0]).Where(m => m.StartsWith("prefect_", StringComparison.Ordinal)).Select(m => m.Replace('_', '-'));
        // Libraries the converted task-library functions call (table python_packages).
        var libraries = context.Tables["python_packages"].Rows
            .Where(r => imported.Any(m => m == r.Get("module") || m.StartsWith(r.Get("module") + ".", StringComparison.Ordinal)))
            .Select(r => r.Get("package")!);
        var packages = integrations.Concat(libraries)
            .Distinct().Order(StringComparer.Ordinal)
            .Where(p => !Regex.IsMatch(context.Text, $@"(?im)^\s*[""']?{Regex.Escape(p)}\b"))
            .ToList();
        var name = context.Path.Split('/')[^1];
        var quote = match.Groups["quote"].Value;
        string replacement;
        if (name.EndsWith(".txt", StringComparison.Ordinal) || name == "Pipfile" && quote.Length == 0)
        {
            replacement = requirement + string.Concat(packages.Select(p => "\n" + p));
        }
        else
        {
            replacement = requirement + quote + string.Concat(packages.Select(p => $", {quote}{p}"));
            replacement = replacement[..^quote.Length];
        }

        var span = new TextSpan(match.Groups["req"].Index, match.Groups["req"].Index + match.Groups["req"].Length);
        var message = $"prefect{version.Trim()} → {requirement}" + (packages.Count > 0 ? $" + {string.Join(", ", packages)}" : string.Empty);
        yield return new Finding(Id, span, message) { Fix = new Fix([TextEdit.Replace(span, replacement)], Safety.Review, message) };
    }

    [GeneratedRegex(@"(?m)(?<quote>[""']?)(?<req>prefect(?![-_\w])(?:\[[^\]]*\])?(?<spec>\s*[<>=~!][^""'\n#;]*))")]
    private static partial Regex Pin();

    [GeneratedRegex(@"(?m)^(?<quote>)(?<req>prefect(?:\[[^\]]*\])?(?<spec>))[ \t]*(?:#.*)?\r?$")]
    private static partial Regex Bare();

    // A version spec that pins 0.1x or 1.x (==, ~=, <=, <, >= followed by that version).
    [GeneratedRegex(@"^\s*(==|~=|<=|<|>=)\s*(0\.1\d|1)(\.|\*|\s|$|,)")]
    private static partial Regex Prefect1Spec();

    // A version spec with a `<` bound on 2 (`<2`, `< 2.0`).
    [GeneratedRegex(@"<\s*2")]
    private static partial Regex BelowTwo();
}
