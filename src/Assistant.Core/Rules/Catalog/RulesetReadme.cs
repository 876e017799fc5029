using System.Text;

namespace Assistant.Core.Rules.Catalog;

/// <summary>
/// The generated part of a ruleset's <c>README.md</c>: its steps and, per rule, the descriptor's
/// docs (summary, why, example), between two marker comments. Everything outside the markers is
/// written by hand and kept as it is.
/// </summary>
public static class RulesetReadme
{
    public const string Begin = "<!-- BEGIN generated rule docs: edit the rules, then run `flowmigrate rules docs --ruleset {0} --readme rulesets/{0}/README.md` -->";

    public const string End = "<!-- END generated rule docs -->";

    /// <summary>The section for <paramref name="rules"/> (one ruleset's catalog entries, in run order), markers included.</summary>
    public static string Render(Ruleset ruleset, IReadOnlyList<CatalogRule> rules)
    {
        var text = new StringBuilder();
        text.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, Begin, ruleset.Id)).Append('\n');
        text.Append("## Steps\n\n");
        for (var i = 0; i < ruleset.Steps.Count; i++)
        {
            var step = ruleset.Steps[i];
            var ids = rules.Where(r => r.Descriptor.Step == step.Id).Select(r => r.Descriptor.Id);
            text.Append($"{i + 1}. **{step.Id}**: {step.Title} ({string.Join(", ", ids)})\n");
        }

        text.Append("\n## Rules\n\n| id | name | step | safety | reads | summary |\n|---|---|---|---|---|---|\n");
        foreach (var rule in rules)
        {
            var d = rule.Descriptor;
            text.Append($"| [{d.Id}](#{d.Id.ToLowerInvariant()}) | `{d.Name}` | {d.Step} | {Safety(d.Safety)} | {Reads(rule.Kind)} | {Cell(d.Summary)} |\n");
        }

        foreach (var rule in rules)
        {
            var d = rule.Descriptor;
            text.Append($"\n### {d.Id}\n\n`{d.Name}` · step {d.Step} · {Safety(d.Safety)} · reads {Reads(rule.Kind)}\n\n");
            text.Append(OneParagraph(d.Summary)).Append("\n\n");
            text.Append("**Why:** ").Append(OneParagraph(d.Why)).Append('\n');
            if (!string.IsNullOrWhiteSpace(d.Example))
            {
                text.Append("\n**Example:**\n\n```text\n").Append(d.Example.ReplaceLineEndings("\n").Trim('\n')).Append("\n```\n");
            }
        }

        if (ruleset.Tables.Names.Any())
        {
            text.Append("\n## Tables\n\nMapping data the rules read (`tables/<name>.yaml`; format in `rulesets/README.md`). A column marked optional may be left out of a row.\n");
            foreach (var name in ruleset.Manifest.TableNames)
            {
                var table = ruleset.Tables[name];
                text.Append($"\n### tables/{name}.yaml\n\n");
                if (table.Description.Length > 0)
                {
                    text.Append(OneParagraph(table.Description)).Append("\n\n");
                }

                text.Append("| column | required | meaning |\n|---|---|---|\n");
                foreach (var column in table.Columns)
                {
                    text.Append($"| `{column.Name}` | {(column.Optional ? "optional" : "yes")} | {Cell(column.Description)} |\n");
                }
            }
        }

        return text.Append(End).Append('\n').ToString();
    }

    /// <summary>The README with its generated section replaced (or appended when it has no markers yet).</summary>
    public static string Update(string readme, string section)
    {
        var (start, end) = Bounds(readme);
        if (start < 0)
        {
            return readme.TrimEnd('\n') + "\n\n" + section;
        }

        return readme[..start] + section + readme[end..];
    }

    /// <summary>The generated section currently in the README, or null when it has none.</summary>
    public static string? Current(string readme)
    {
        var (start, end) = Bounds(readme);
        return start < 0 ? null : readme[start..end];
    }

    public static string Safety(Safety safety) => safety.ToString().ToLowerInvariant();

    public static string Reads(RuleKind kind) => kind == RuleKind.Module ? "python" : "project files";

    private static (int Start, int End) Bounds(string readme)
    {
        var start = readme.IndexOf("<!-- BEGIN generated rule docs", StringComparison.Ordinal);
        var end = start < 0 ? -1 : readme.IndexOf(End, start, StringComparison.Ordinal);
        if (start < 0 || end < 0)
        {
            return (-1, -1);
        }

        end += End.Length;
        if (end < readme.Length && readme[end] == '\n')
        {
            end++;
        }

        return (start, end);
    }

    // Markdown would read <flow> as an HTML tag and drop it.
    private static string OneParagraph(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Cell(string text) => OneParagraph(text).Replace("|", "\\|", StringComparison.Ordinal);
}
