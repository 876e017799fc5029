using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY511: <c>pyflyte</c> commands in Makefiles, shell scripts, CI YAML and READMEs → <c>flyte</c> commands (reference §16).</summary>
public sealed partial class PyflyteCommandsToFlyte : IFileRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY511",
        "pyflyte-commands-to-flyte",
        "images-and-project",
        Safety.Review,
        "pyflyte run → flyte run --local (run --remote → flyte run), register → flyte deploy --recursive --all, build → flyte build; flags renamed per reference §16.2; commands and flags without equivalent get a TODO.",
        "Flyte 2's CLI is flyte: run is remote by default, register became deploy, and several flags changed (reference/flyte.md §16, gotchas 17–18).",
        "pyflyte register --project acme flows  →  flyte deploy --project acme --recursive --all flows");

    public bool AppliesTo(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return name is "Makefile" or "makefile" or "GNUmakefile" or "Dockerfile" or "Justfile" or "justfile" or "tox.ini"
            || name.EndsWith(".mk", StringComparison.Ordinal) || name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".bash", StringComparison.Ordinal)
            || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".md", StringComparison.Ordinal)
            || name.EndsWith(".rst", StringComparison.Ordinal) || name.EndsWith(".toml", StringComparison.Ordinal);
    }

    public IEnumerable<Finding> Analyze(FileRuleContext context)
    {
        var lines = LineMap.For(context.Text);
        foreach (Match match in Command().Matches(context.Text))
        {
            var lineStart = lines.LineStart(lines.LineOf(match.Index));
            if (context.Text[lineStart..match.Index].TrimStart().StartsWith('#'))
            {
                // Comments (and our own TODO markers) are not commands.
                continue;
            }

            var span = TextSpan.FromLength(match.Index, match.Length);
            var (replacement, notes) = Convert(match.Value, context.Tables);
            if (replacement is null)
            {
                var note = string.Join("; ", notes);
                yield return new Finding(Descriptor.Id, span, note) { Todo = new ManualTodo(note, "reference/flyte.md §16") };
                continue;
            }

            yield return new Finding(Descriptor.Id, span, "pyflyte → flyte")
            {
                Fix = Fix.Review("the Flyte 2 CLI command", TextEdit.Replace(span, replacement)),
                Todo = notes.Count == 0 ? null : new ManualTodo(string.Join("; ", notes), "reference/flyte.md §16.2"),
            };
        }
    }

    private static (string? Text, List<string> Notes) Convert(string command, RulesetTables tables)
    {
        var notes = new List<string>();
        // ${{ expr }} (CI) and $(var) stay single tokens.
        // Backslash-continued lines are one command.
        command = LineContinuation().Replace(command, " ");
        var protectedCommand = Substitution().Replace(command, m => m.Value.Replace(' ', '\u0001'));
        var tokens = protectedCommand.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Replace('\u0001', ' ')).ToList();
        var global = new List<string>();
        var packages = new List<string>();
        var i = 1;
        while (i < tokens.Count && tokens[i].StartsWith('-'))
        {
            if (tokens[i] is "-k" or "--pkgs" && i + 1 < tokens.Count)
            {
                // flyte has no --pkgs: its commands take the package's folder.
                packages.Add(tokens[++i]);
                i++;
                continue;
            }

            global.Add(tokens[i]);
            if (tokens[i] is "-c" or "--config" && i + 1 < tokens.Count)
            {
                global.Add(tokens[++i]);
            }

            i++;
        }

        if (i >= tokens.Count)
        {
            return (null, ["pyflyte without a subcommand: replace by hand (reference/flyte.md §16)"]);
        }

        var sub = tokens[i];
        var row = tables["cli-commands"].Find("old", sub);
        if (row?.Get("new") is not { } newSub)
        {
            return (null, [row?.Get("note") ?? $"pyflyte {sub} has no Flyte 2 equivalent (reference/flyte.md §16.1)"]);
        }

        if (row.Get("note") is { } remark)
        {
            notes.Add(remark);
        }

        var rest = tokens.Skip(i + 1).ToList();
        var flags = new List<string>();
        var positionals = new List<string>();
        var remote = false;
        for (var j = 0; j < rest.Count; j++)
        {
            var token = rest[j];
            if (!token.StartsWith('-') || positionals.Count > 0 && sub == "run")
            {
                positionals.Add(token);
                continue;
            }

            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var flag = eq > 0 ? token[..eq] : token;
            var flagRow = tables["cli-flags"].Find("old", flag);
            var takesValue = flagRow?.Get("takes_value") == "yes";
            string? value = eq > 0 ? token[(eq + 1)..] : takesValue && j + 1 < rest.Count ? rest[++j] : null;
            if (flag == "--remote")
            {
                remote = true;
                continue;
            }

            if (flag is "-v" && sub != "register")
            {
                flags.Add(token);
                continue;
            }

            if (flagRow is null)
            {
                flags.Add(token);
                notes.Add($"check flag {flag}: not in the pyflyte → flyte table (reference/flyte.md §16.2)");
                continue;
            }

            if (flagRow.Get("new") is not { Length: > 0 } newFlag)
            {
                notes.Add(flagRow.Get("note") ?? $"{flag} has no flyte flag");
                continue;
            }

            if (flagRow.Get("note") is { } flagNote)
            {
                notes.Add(flagNote);
            }

            if (flag == "--copy" && value is not null)
            {
                value = value switch { "auto" => "loaded_modules", "all" => "all", "none" => "none", _ => value };
            }

            flags.Add(value is null ? newFlag : $"{newFlag} {value}");
        }

        var parts = new List<string> { "flyte" };
        parts.AddRange(global);
        switch (sub)
        {
            case "run":
                parts.Add("run");
                if (!remote)
                {
                    parts.Add("--local");
                }

                parts.AddRange(flags);
                parts.AddRange(positionals);
                break;
            case "register":
                parts.Add("deploy");
                parts.AddRange(flags);
                if (positionals.Count == 0)
                {
                    // pyflyte --pkgs a.b register: the package's folder, relative to where pyflyte ran.
                    positionals.AddRange(packages.SelectMany(p => p.Split(',')).Select(p => p.Replace('.', '/')));
                    packages.Clear();
                }

                var recursive = positionals.Any(p => !p.EndsWith(".py", StringComparison.Ordinal));
                if (recursive)
                {
                    parts.Add("--recursive");
                }

                parts.Add("--all");
                parts.AddRange(positionals);
                break;
            case "build":
                parts.Add("build");
                parts.AddRange(flags);
                if (positionals.Count == 2)
                {
                    notes.Add($"flyte build takes the TaskEnvironment variable, not the workflow {positionals[1]}: use flyte build {positionals[0]} <env variable> or --all");
                    parts.Add("--all");
                    parts.Add(positionals[0]);
                }
                else
                {
                    parts.AddRange(positionals);
                }

                break;
            case "local-cache":
                parts.Add(newSub);
                break;
            default:
                parts.Add(newSub);
                parts.AddRange(flags);
                parts.AddRange(positionals);
                break;
        }

        if (packages.Count > 0)
        {
            notes.Add($"pyflyte --pkgs {string.Join(",", packages)}: flyte has no --pkgs; pass the package's folder to the command (reference/flyte.md §16.2)");
        }

        return (string.Join(' ', parts), notes);
    }

    // A backslash line continuation with the blanks around it.
    [GeneratedRegex(@"[ \t]*\\\r?\n[ \t]*")]
    private static partial Regex LineContinuation();

    // A CI expression ${{ … }} or a shell substitution $( … ).
    [GeneratedRegex(@"\$\{\{.*?\}\}|\$\([^)]*\)")]
    private static partial Regex Substitution();

    // One pyflyte command line (up to the end of the line, a ; / && / | or a backtick).
    [GeneratedRegex(@"\bpyflyte(?:(?:[ \t]+|[ \t]*\\\r?\n[ \t]*)[^\s;&|`'""\\]+)*")]
    private static partial Regex Command();
}
