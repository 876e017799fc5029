using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// flytekit names → Flyte 2 names (imports table, kind rename), <c>import flyte</c> / <c>import flyte.io</c> added
/// once, flytekit imports nobody reads any more removed; optionally a TODO on flytekit imports still in use.
/// </summary>
internal static class ImportCleanup
{
    private static readonly string[] ImageSpecNames = ["flytekit.ImageSpec", "flytekit.image_spec.ImageSpec", "flytekit.image_spec.image_spec.ImageSpec"];

    public static IEnumerable<Finding> Analyze(RuleContext context, string ruleId, bool todoLeftovers)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        if (bindings.Count == 0)
        {
            yield break;
        }

        var imports = context.Tables["imports"];
        var edits = new List<TextEdit>();
        var todos = new List<string>();
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        // Only a chain starting with a name a binding gives resolves: when the module spells none, no chain is renamed.
        foreach (var chain in bindings.Any(b => PythonImports.IsNamed(module, b.LocalName)) ? DottedChains(module.Root) : [])
        {
            // FlyteDirectory.new_remote(...) → flyte.io.Dir.new_remote(...): the longest prefix with a rename wins,
            // unless the member has a different name in Flyte 2 (those stay for FLY211 or a TODO).
            // What each shorter prefix of the chain resolves to is what the longer one resolves to less its last ".attr":
            // resolved once, each level's name is cut from it rather than built again.
            var node = chain;
            var resolved = PythonImports.Resolve(chain, bindings);
            while (node.Is("Attribute") && !(resolved is not null && imports.Find("old", resolved) is not null))
            {
                resolved = resolved?[..^((node.Scalar("attr")?.Length ?? 0) + 1)];
                node = node.Child("value")!;
            }

            var member = ReferenceEquals(node, chain) ? null : chain.Scalar("attr");
            if (member is "new_remote_file" or "from_source" or "listdir" or "new_file" or "new_dir" or "crawl" or "download" or "remote_source")
            {
                continue;
            }

            if (resolved is { } name && imports.Find("old", name) is { } row && row.Get("kind") == "rename")
            {
                var replacement = row.Require("new");
                edits.Add(TextEdit.Replace(node.Span, replacement));
                needed.Add(replacement[..replacement.LastIndexOf('.')]);
                if (replacement == "flyte.Resources" && node.Parent is { Kind: "Call" } call && ReferenceEquals(call.Child("func"), node))
                {
                    edits.AddRange(ResourceKeywords(module, new CallSyntax(call), context.Tables, todos));
                }
            }
        }

        // With `import flyte` there already, "flyte" adds nothing wherever it comes in the list: no need to look for its uses.
        var flyteUses = !PythonImports.HasPlainImport(module, "flyte") && UsesFlyte(module);
        foreach (var moduleName in (flyteUses ? ["flyte"] : new List<string>()).Concat(needed).Distinct())
        {
            if (!PythonImports.HasPlainImport(module, moduleName) && PythonImports.AddImport(module, moduleName, "flytekit") is { } add)
            {
                edits.Add(add);
            }
        }

        if (edits.Count > 0)
        {
            yield return new Finding(ruleId, edits[0].Span, "flytekit names replaced by their Flyte 2 counterparts")
            {
                Fix = new Fix(edits, todos.Count == 0 ? Safety.Safe : Safety.Review, "flytekit names → flyte names"),
                Todo = todos.Count == 0 ? null : new ManualTodo(string.Join("; ", todos), "reference/flyte.md §4.2"),
            };
            yield break;
        }

        var unused = bindings.Where(b => !PythonImports.IsUsed(module, b.LocalName)).ToList();
        foreach (var group in unused.GroupBy(b => b.Import.Node))
        {
            var import = group.First().Import;
            yield return new Finding(ruleId, import.Node.Span, $"unused flytekit import: {string.Join(", ", group.Select(b => b.Name.Name))}")
            {
                Fix = new Fix(WithMarker(module, PythonImports.RemoveNames(module, import, group.Select(b => b.Name)), group.Count() == import.Names.Count), Safety.Safe, "remove flytekit imports no longer used"),
            };
        }

        if (!todoLeftovers || unused.Count > 0 || (PythonImports.MayResolveTo(bindings, ImageSpecNames) && module.Root.Descendants().Any(n => Flytekit.Calls(n, bindings, ImageSpecNames))))
        {
            // ImageSpec calls are still being converted in this step; wait for them.
            yield break;
        }

        // Import statements on consecutive lines form one block with one TODO: they are removed together.
        var blocks = new List<(SyntaxNode First, SyntaxNode Last, List<string> Names)>();
        foreach (var group in bindings.GroupBy(b => b.Import.Node).OrderBy(g => g.Key.Span.Start))
        {
            var names = group.Select(b => b.LocalName).ToList();
            if (blocks.Count > 0 && blocks[^1].Last.Parent == group.Key.Parent
                && module.Lines.LineOf(group.Key.Span.Start) == module.Lines.LineOf(Math.Max(blocks[^1].Last.Span.Start, blocks[^1].Last.Span.End - 1)) + 1)
            {
                blocks[^1] = (blocks[^1].First, group.Key, [.. blocks[^1].Names, .. names]);
                continue;
            }

            blocks.Add((group.Key, group.Key, names));
        }

        foreach (var (first, last, names) in blocks)
        {
            var what = ReferenceEquals(first, last) ? "this import" : "these imports";
            var text = $"{string.Join(", ", names)} still come(s) from flytekit: convert the remaining uses by hand (see the other TODOs and reference/flyte.md §18), then remove {what}";
            yield return new Finding(ruleId, first.Span, text) { Todo = new ManualTodo(text, "reference/flyte.md §2") };
        }
    }

    // The outermost Name/Attribute chains outside import statements, in source order: what
    // DescendantsAndSelf(n => !IsDotted(n) && not an import).Where(IsDotted) lists, asking IsDotted once per node
    // (the walk asks whether to go below a node right after handing it out, so the answer read for it is reused).
    private static List<SyntaxNode> DottedChains(SyntaxNode root)
    {
        var chains = new List<SyntaxNode>();
        var skipBelow = false;
        foreach (var node in root.Descendants(_ => !skipBelow))
        {
            var dotted = Flytekit.IsDotted(node);
            if (dotted)
            {
                chains.Add(node);
            }

            skipBelow = dotted || node.Kind is "Import" or "ImportFrom";
        }

        return chains;
    }

    // Resources(...) outside decorators: positional → keyword, mem → memory (str), ephemeral_storage → disk (reference/flyte.md §4.2).
    // A keyword flytekit.Resources no longer has (storage=, flytekit 0.x's persistent-storage request) goes, with a TODO:
    // flyte.Resources would refuse it.
    private static IEnumerable<TextEdit> ResourceKeywords(PythonModule module, CallSyntax call, RulesetTables tables, List<string> todos)
    {
        var unknown = call.Keywords.Where(k => k.Name is { } n && tables["resources"].Rows.All(r => r.Require("old") != n)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var edit in CallArguments.Remove(module, call, unknown.Select(k => k.Node)))
            {
                yield return edit;
            }

            todos.AddRange(unknown.Select(k => k.Name == "storage"
                ? $"Resources({module.GetText(k.Node)}) was flytekit 0.x's persistent-storage request, which flyte.Resources has no field for: dropped; set disk= if the task needs that much local disk"
                : $"Resources({module.GetText(k.Node)}) is not a flytekit.Resources keyword flyte.Resources has: dropped"));
        }

        var rows = tables["resources"].Rows;
        var quote = SourceText.PreferredQuote(module);
        for (var i = 0; i < call.Arguments.Count && i < rows.Count; i++)
        {
            yield return TextEdit.Insert(call.Arguments[i].Span.Start, rows[i].Require("new") + "=");
            if (ValueEdit(rows[i].Require("old"), call.Arguments[i], quote) is { } positional)
            {
                yield return positional;
            }
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is not { } name || rows.FirstOrDefault(r => r.Require("old") == name) is not { } row)
            {
                continue;
            }

            if (row.Require("new") != name)
            {
                yield return CallArguments.RenameKeyword(keyword, row.Require("new"));
            }

            if (ValueEdit(name, keyword.Value, quote) is { } value)
            {
                yield return value;
            }
        }
    }

    // Flyte 2 takes memory only as a string and a GPU count only as an int (a string must name a device: "T4:1").
    private static TextEdit? ValueEdit(string old, SyntaxNode value, char quote) => (old, ConstantSyntax.From(value)) switch
    {
        ("mem", { ValueType: "int" } bytes) => TextEdit.Replace(value.Span, SourceText.Literal(quote, bytes.Value!)),
        ("gpu", { ValueType: "str" } count) when count.Value is { Length: > 0 and <= 6 } digits && digits.All(char.IsAsciiDigit) => TextEdit.Replace(value.Span, int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };

    // Removing a whole import statement also removes the leftover TODO written above it.
    private static IReadOnlyList<TextEdit> WithMarker(PythonModule module, IReadOnlyList<TextEdit> edits, bool wholeStatement)
    {
        if (!wholeStatement || edits.Count != 1 || edits[0].Span.Start == 0)
        {
            return edits;
        }

        var line = module.Lines.LineOf(edits[0].Span.Start);
        if (line > 1 && module.GetText(module.Lines.LineSpan(line - 1)).TrimStart().StartsWith("# TODO(flowmigrate FLY599)", StringComparison.Ordinal)
            && module.Lines.LineStart(line) == edits[0].Span.Start)
        {
            return [TextEdit.Delete(new TextSpan(module.Lines.LineStart(line - 1), edits[0].Span.End))];
        }

        return edits;
    }

    // A Name that is an attribute's value is read: a module reading no `flyte` has none.
    private static bool UsesFlyte(PythonModule module) =>
        PythonImports.IsUsed(module, "flyte") && module.Root.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == "flyte" && n.Parent is { Kind: "Attribute" } attribute && attribute.Scalar("attr") != "io");
}
