using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY512: a Flyte 1 config file (<c>~/.flyte/config.yaml</c> style) → what the Flyte 2 reader understands (reference §11).</summary>
public sealed partial class FlyteConfigToFlyte2 : IFileRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY512",
        "flyte-config-to-flyte2",
        "images-and-project",
        Safety.Review,
        "In a Flyte config file (admin:/console:/task: sections, read from ./config.yaml, .flyte/config.yaml or $FLYTECTL_CONFIG by both versions), the keys both read stay as they are; storage: and admin.audience, which Flyte 2 ignores, get a TODO with what to do.",
        "Flyte 2 reads the same admin/console/task keys and file locations but not storage.* or admin.audience (reference/flyte.md §11).",
        "storage:\\n  type: s3  →  # TODO(flowmigrate FLY512): Flyte 2 does not read storage.* ...");

    public bool AppliesTo(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name is "config.yaml" or "config.yml" || path.Contains(".flyte/", StringComparison.Ordinal) && (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal));
    }

    public IEnumerable<Finding> Analyze(FileRuleContext context)
    {
        var text = context.Text;
        if (!AdminSection().IsMatch(text) || !EndpointKey().IsMatch(text))
        {
            yield break;
        }

        var lines = LineMap.For(text);
        string? section = null;
        for (var line = 1; line <= lines.LineCount; line++)
        {
            var span = lines.LineSpan(line);
            var content = text[span.Start..span.End].TrimEnd('\r', '\n');
            if (TopLevelKey().Match(content) is { Success: true } top)
            {
                section = top.Groups[1].Value;
                if (section == "storage")
                {
                    var note = "Flyte 2 does not read storage.*: runs use the storage the Flyte 2 backend is configured with (local runs: local.persistence); keep this section only while Flyte 1 still reads the file (reference/flyte.md §11)";
                    yield return new Finding(Descriptor.Id, TextSpan.FromLength(span.Start, content.Length), note) { Todo = new ManualTodo(note, "reference/flyte.md §11") };
                }

                continue;
            }

            if (section == "admin" && NestedKey().Match(content) is { Success: true } key && key.Groups[1].Value == "audience")
            {
                var note = "Flyte 2 does not read admin.audience: if your identity provider needs it, configure it on the provider or the Flyte 2 auth client (reference/flyte.md §11)";
                yield return new Finding(Descriptor.Id, TextSpan.FromLength(span.Start, content.Length), note) { Todo = new ManualTodo(note, "reference/flyte.md §11") };
            }
        }
    }

    [GeneratedRegex(@"(?m)^admin:\s*$")]
    private static partial Regex AdminSection();

    [GeneratedRegex(@"(?m)^\s+endpoint:")]
    private static partial Regex EndpointKey();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"^\s+([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex NestedKey();
}
