using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// Rewrites uses of declared wrappers (<see cref="FrameworkAlias"/>) to the framework originals, in three
/// passes the engine repeats: import the original, replace each use (extra keywords become TODOs with their
/// exact text), then drop the wrapper's import once nothing uses it. It runs first in a ruleset's first step,
/// so every built-in rule after it sees plain framework code.
/// </summary>
internal sealed class FrameworkAliasRule(IReadOnlyList<FrameworkAlias> aliases, string step) : IRule
{
    public const string Id = "ALIAS";

    public RuleDescriptor Descriptor { get; } = new(Id, "framework-alias-to-original", step, Safety.Safe,
        "Replaces a wrapper a user rule declared equivalent to a framework object with that object.",
        "The built-in rules only know the framework's own names; a FrameworkAlias says the wrapper stands for one.",
        "@company_task(team=\"data\", max_retries=2)  →  @task(max_retries=2)  # TODO: team=\"data\"");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var roots = aliases.Select(a => a.Name.Split('.')[0]).Distinct(StringComparer.Ordinal).ToArray();
        var bindings = PythonImports.Bindings(module, roots);
        if (bindings.Count == 0)
        {
            return [];
        }

        var uses = Uses(module, bindings);
        if (uses.Count == 0)
        {
            return UnusedImports(module, bindings);
        }

        var missing = uses.Select(u => u.Alias).Distinct().Where(a => OriginalText(module, a) is null).ToList();
        return missing.Count > 0 ? ImportOriginals(module, bindings, missing) : uses.Select(u => Replace(module, u));
    }

    private List<(SyntaxNode Node, FrameworkAlias Alias)> Uses(PythonModule module, IReadOnlyList<ImportBinding> bindings)
    {
        var uses = new List<(SyntaxNode Node, FrameworkAlias Alias)>();
        foreach (var node in module.Root.Descendants().Where(n => n.Kind is "Name" or "Attribute" && n.Scalar("ctx") != "Store"))
        {
            if (uses.Any(u => u.Node.Span.Contains(node.Span)) || PythonImports.Resolve(node, bindings) is not { } qualified)
            {
                continue;
            }

            if (aliases.FirstOrDefault(a => a.Name == qualified) is { } alias)
            {
                uses.Add((node, alias));
            }
        }

        return uses;
    }

    // The text that names the original in this module, or null when the module does not import it yet.
    private static string? OriginalText(PythonModule module, FrameworkAlias alias)
    {
        var bindings = PythonImports.Bindings(module, alias.Original.Split('.')[0]);
        return bindings.FirstOrDefault(b => b.QualifiedName == alias.Original)?.LocalName
            ?? (bindings.FirstOrDefault(b => !b.Import.IsFrom && b.QualifiedName == alias.OriginalModule) is { } plain ? $"{plain.LocalName}.{alias.OriginalName}" : null);
    }

    private static IEnumerable<Finding> ImportOriginals(PythonModule module, IReadOnlyList<ImportBinding> bindings, List<FrameworkAlias> missing)
    {
        var edits = new List<TextEdit>();
        foreach (var group in missing.GroupBy(a => bindings.First(b => b.QualifiedName == a.Name || a.Name.StartsWith(b.QualifiedName + ".", StringComparison.Ordinal)).Import.Node))
        {
            var indent = SourceText.IndentAt(module, group.Key.Span.Start);
            var lines = group.Select(a => IsFree(module, a.OriginalName) ? $"from {a.OriginalModule} import {a.OriginalName}" : $"import {a.OriginalModule}")
                .Distinct(StringComparer.Ordinal)
                .Select(line => indent + line + module.NewLine);
            edits.Add(TextEdit.Insert(module.Lines.LineStart(module.Lines.LineOf(group.Key.Span.Start)), string.Concat(lines)));
        }

        var first = missing[0];
        return [new Finding(Id, edits[0].Span, $"import {string.Join(", ", missing.Select(a => a.Original))}, which user rules declare {string.Join(", ", missing.Select(a => a.LocalName))} equivalent to")
        {
            Fix = new Fix(edits, Safety.Safe, $"import {first.Original} for {first.LocalName}"),
        }];
    }

    private static bool IsFree(PythonModule module, string name) =>
        !module.Root.Descendants().Any(n => (n.Is("Name") && n.Scalar("id") == name) || (n.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef" && n.Scalar("name") == name))
        && module.Imports().SelectMany(i => i.Names).All(n => n.BoundName != name);

    private static Finding Replace(PythonModule module, (SyntaxNode Node, FrameworkAlias Alias) use)
    {
        var (node, alias) = use;
        var edits = new List<TextEdit> { TextEdit.Replace(node.Span, OriginalText(module, alias)!) };
        var call = node.Parent is { } parent && parent.Is("Call") && node.ParentField == "func" ? new CallSyntax(parent) : null;
        var extra = call?.Keywords.Where(k => k.Name is { } name && alias.ExtraKeywords.Contains(name)).ToList() ?? [];
        if (extra.Count == 0)
        {
            return new Finding(Id, node.Span, $"{alias.LocalName} stands for {alias.Original}") { Fix = new Fix(edits, Safety.Safe, $"{alias.LocalName} → {alias.Original} (declared equivalent)") };
        }

        edits.AddRange(CallArguments.Remove(module, call!, extra.Select(k => k.Node)));
        var arguments = string.Join(", ", extra.Select(k => module.GetText(k.Node.Span)));
        return new Finding(Id, node.Span, $"{alias.LocalName} stands for {alias.Original}; {arguments} has no counterpart")
        {
            Fix = new Fix(edits, Safety.Review, $"{alias.LocalName} → {alias.Original}; removed {arguments}"),
            Todo = new ManualTodo($"{alias.LocalName} took {arguments}, which {alias.Original} does not; {alias.Note ?? "carry the setting over by hand, or drop it"}", $"user rule alias {alias.Name}"),
        };
    }

    private IEnumerable<Finding> UnusedImports(PythonModule module, IReadOnlyList<ImportBinding> bindings)
    {
        var unused = bindings.Where(b => b.Import.IsFrom && aliases.Any(a => a.Name == b.QualifiedName) && !PythonImports.IsUsed(module, b.LocalName)).ToList();
        foreach (var group in unused.GroupBy(b => b.Import.Node))
        {
            var import = group.First().Import;
            var edits = PythonImports.RemoveNames(module, import, group.Select(b => b.Name));
            yield return new Finding(Id, import.Node.Span, $"{string.Join(", ", group.Select(b => b.LocalName))} no longer used")
            {
                Fix = new Fix(edits, Safety.Safe, "remove the wrapper import the code no longer uses"),
            };
        }
    }
}
