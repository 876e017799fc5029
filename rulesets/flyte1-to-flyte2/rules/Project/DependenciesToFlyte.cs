using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY510: <c>flytekit</c> / <c>flytekitplugins-*</c> in requirements*.txt, pyproject.toml, setup.cfg, Pipfile, Dockerfile → <c>flyte</c> / <c>flyteplugins-*</c>.</summary>
public sealed partial class DependenciesToFlyte : IFileRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY510",
        "dependencies-to-flyte",
        "images-and-project",
        Safety.Review,
        "Replaces flytekit with flyte>=2,<3 and flytekitplugins-X with flyteplugins-Y in dependency manifests and Dockerfile pip install lines; plugins without a Flyte 2 package get a TODO.",
        "The converted code imports flyte, not flytekit; plugin packages were renamed (reference/flyte.md §2, §15).",
        "flytekit==1.10.*  →  flyte>=2,<3");

    public bool AppliesTo(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return (name.StartsWith("requirements", StringComparison.Ordinal) && (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".in", StringComparison.Ordinal)))
            || name is "pyproject.toml" or "setup.py" or "setup.cfg" or "Pipfile" or "Dockerfile";
    }

    public IEnumerable<Finding> Analyze(FileRuleContext context)
    {
        var text = context.Text;
        var lines = LineMap.For(text);
        var requirementsFile = context.Path.EndsWith(".txt", StringComparison.Ordinal) || context.Path.EndsWith(".in", StringComparison.Ordinal) || context.Path.EndsWith("setup.cfg", StringComparison.Ordinal);
        var pipfile = context.Path.EndsWith("Pipfile", StringComparison.Ordinal);
        var dockerfile = context.Path.EndsWith("Dockerfile", StringComparison.Ordinal);
        for (var line = 1; line <= lines.LineCount; line++)
        {
            var span = lines.LineSpan(line);
            var content = text[span.Start..span.End].TrimEnd('\r', '\n');
            if (content.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (pipfile && PipfileEntry().Match(content) is { Success: true } entry)
            {
                var name = entry.Groups["name"].Value;
                var replacement = Packages.Replacement(name, context.Tables);
                if (replacement is { Length: > 0 })
                {
                    var at = TextSpan.FromLength(span.Start + entry.Index, entry.Length);
                    // A flytekitplugins pin follows flytekit's versions, which the Flyte 2 plugin does not share: only the name carries over.
                    var spec = replacement == "flyte" ? "\">=2,<3\"" : "\"*\"";
                    yield return new Finding(Descriptor.Id, at, $"{name} → {replacement}")
                    {
                        Fix = Fix.Review($"depend on {replacement}", TextEdit.Replace(at, $"{replacement} = {spec}")),
                    };
                }
                else if (replacement is not null)
                {
                    var note = $"{name} has no Flyte 2 plugin: remove it once the code that uses it is ported (reference/flyte.md §15)";
                    yield return new Finding(Descriptor.Id, TextEdit.Insert(span.Start, string.Empty).Span, note) { Todo = new ManualTodo(note, "reference/flyte.md §15") };
                }

                continue;
            }

            if (dockerfile)
            {
                foreach (var finding in DockerfileLine(context, content, span.Start))
                {
                    yield return finding;
                }

                continue;
            }

            var pattern = requirementsFile && !content.TrimStart().StartsWith('"') ? RequirementLine() : QuotedRequirement();
            foreach (Match match in pattern.Matches(content))
            {
                var group = match.Groups["req"];
                var name = Packages.Name(group.Value);
                var replacement = Packages.Replacement(name, context.Tables);
                if (replacement is null)
                {
                    continue;
                }

                var at = TextSpan.FromLength(span.Start + group.Index, group.Length);
                if (replacement.Length == 0)
                {
                    var note = $"{name} has no Flyte 2 plugin: remove it once the code that uses it is ported (reference/flyte.md §15)";
                    yield return new Finding(Descriptor.Id, at, note) { Todo = new ManualTodo(note, "reference/flyte.md §15") };
                    continue;
                }

                var requirement = replacement == "flyte" ? Packages.FlyteRequirement : replacement;
                yield return new Finding(Descriptor.Id, at, $"{name} → {requirement}")
                {
                    Fix = Fix.Review($"depend on {requirement}", TextEdit.Replace(at, requirement)),
                };
            }
        }
    }

    // pip install … flytekit … in a Dockerfile RUN line: the image from_dockerfile builds must contain the flyte SDK.
    private IEnumerable<Finding> DockerfileLine(FileRuleContext context, string content, int start)
    {
        if (!PipInstall().IsMatch(content))
        {
            yield break;
        }

        foreach (Match match in ShellRequirement().Matches(content))
        {
            var group = match.Groups["req"];
            var name = Packages.Name(group.Value.Trim('"', '\''));
            var replacement = Packages.Replacement(name, context.Tables);
            if (replacement is null)
            {
                continue;
            }

            var at = TextSpan.FromLength(start + group.Index, group.Length);
            if (replacement.Length == 0)
            {
                var note = $"{name} has no Flyte 2 plugin: remove it from the image once the code that uses it is ported (reference/flyte.md §15)";
                yield return new Finding(Descriptor.Id, at, note) { Todo = new ManualTodo(note, "reference/flyte.md §15") };
                continue;
            }

            // Unquoted, < and > would be shell redirections.
            var requirement = replacement == "flyte" ? $"\"{Packages.FlyteRequirement}\"" : replacement;
            yield return new Finding(Descriptor.Id, at, $"{name} → {requirement}")
            {
                Fix = Fix.Review($"install {requirement} in the image", TextEdit.Replace(at, requirement)),
            };
        }
    }

    [GeneratedRegex(@"\bpip3?\s+install\b|\buv\s+pip\s+install\b")]
    private static partial Regex PipInstall();

    // A flytekit requirement word on a shell line, quoted or not.
    [GeneratedRegex(@"(?<=[\s=])(?<req>[""']?flytekit[A-Za-z0-9._-]*(?:\[[^\]]*\])?(?:[<>=!~]=?[^\s""';&|]*)?[""']?)(?=\s|$|;|&)")]
    private static partial Regex ShellRequirement();

    // A requirement at the start of a requirements.txt line, up to a comment or environment marker.
    [GeneratedRegex(@"^\s*(?<req>flytekit[A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*(?:[<>=!~]=?[^;#\s]*(?:\s*,\s*[<>=!~]=?[^;#\s]*)*)?)")]
    private static partial Regex RequirementLine();

    // name = "spec" in a Pipfile.
    [GeneratedRegex(@"^(?<name>flytekit[A-Za-z0-9._-]*)\s*=\s*(?<spec>""[^""]*""|'[^']*'|\{[^}]*\})")]
    private static partial Regex PipfileEntry();

    // A quoted requirement in pyproject/setup/Pipfile.
    [GeneratedRegex(@"[""'](?<req>flytekit[A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*(?:[<>=!~]=?[^""';]*)?)[""']")]
    private static partial Regex QuotedRequirement();
}
