using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>
/// FLY308: <c>Deck("name", html)</c> → <c>flyte.report.get_tab("name").log(html)</c>; a deck kept in a variable becomes the
/// tab (<c>d = flyte.report.get_tab("name")</c>, <c>d.log(html)</c>) and its <c>d.append(x)</c> calls <c>d.log(x)</c>;
/// deck renderers whose HTML a library call makes become that call (<see cref="DeckRenderers"/>).
/// </summary>
public sealed class DecksToReports : IPrefilteredRule
{
    private static readonly string[] DeckNames = ["flytekit.Deck", "flytekit.deck.Deck", "flytekit.deck.deck.Deck"];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY308",
        "decks-to-reports",
        "control-flow",
        Safety.Review,
        "Deck(name, html) → flyte.report.get_tab(name).log(html); d = Deck(name, html) → d = flyte.report.get_tab(name) then d.log(html), and d.append(x) → d.log(x). Decks used any other way (auto_add_to_deck=, passed around) keep the FLY590 TODO. MarkdownRenderer().to_html(text) → markdown_it.MarkdownIt().render(text) (flytekit.deck) or markdown.markdown(text) (flytekitplugins.deck), BoxRenderer(column).to_html(df) → plotly.express.box(df, y=column).to_html(), FrameProfilingRenderer(title).to_html(df) → ydata_profiling.ProfileReport(df, title=title).to_html() (imported in the task, as the renderer did): the calls those renderers make.",
        "Flyte 2 has no Deck class: a task with report=True (enable_deck=True, FLY201) writes HTML into named tabs of its report (reference/flyte.md §13.2).",
        "flytekit.Deck(\"pca\", html)  →  flyte.report.get_tab(\"pca\").log(html)");

    // Findings are a missing flyte.report import, renderer(...).to_html(...) calls and Deck calls.
    public IReadOnlyList<string> Mentions(RulesetTables tables) => ["flyte.report.", "to_html", "Deck"];

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var importAdded = false;
        if (module.Text.Contains("flyte.report.", StringComparison.Ordinal) && !PythonImports.HasPlainImport(module, "flyte.report")
            && module.Root.Descendants().FirstOrDefault(n => n.Is("Attribute") && n.DottedName() is { } dotted && dotted.StartsWith("flyte.report.", StringComparison.Ordinal)) is { } use
            && PythonImports.AddImport(module, "flyte.report", "flytekit") is { } missing)
        {
            // flyte.report.log(...) written by FLY305 (default_deck) or by hand: the submodule must be imported.
            importAdded = true;
            yield return new Finding(Descriptor.Id, use.Span, "import flyte.report")
            {
                Fix = new Fix([missing], Safety.Review, "flyte.report is a submodule"),
            };
        }

        foreach (var finding in DeckRenderers.Analyze(context, Descriptor.Id))
        {
            yield return finding;
        }

        foreach (var node in PythonImports.MayResolveTo(bindings, DeckNames) ? module.Root.Descendants().Where(n => Flytekit.Calls(n, bindings, DeckNames)).ToList() : [])
        {
            var call = new CallSyntax(node);
            var name = call.Keyword("name")?.Value ?? call.Arguments.ElementAtOrDefault(0);
            var html = call.Keyword("html")?.Value ?? call.Arguments.ElementAtOrDefault(1);
            if (name is null || call.Keywords.Any(k => k.Name is not ("name" or "html")) || call.Arguments.Count > 2 || call.Arguments.Any(a => a.Is("Starred")))
            {
                continue;
            }

            var tab = $"flyte.report.get_tab({module.GetText(name)})";
            var edits = new List<TextEdit>();
            if (node.Parent is { Kind: "Expr" })
            {
                edits.Add(TextEdit.Replace(node.Span, html is null ? tab : $"{tab}.log({module.GetText(html)})"));
            }
            else if (node.Parent is { Kind: "Assign" } assign && assign.Children("targets") is [{ Kind: "Name" } target] && Appends(module, assign, target.Scalar("id")!) is { } appends)
            {
                var variable = target.Scalar("id")!;
                edits.Add(TextEdit.Replace(node.Span, tab));
                if (html is not null)
                {
                    edits.Add(TextEdit.Insert(assign.Span.End, $"{module.NewLine}{SourceText.IndentAt(module, assign.Span.Start)}{variable}.log({module.GetText(html)})"));
                }

                edits.AddRange(appends.Select(a => TextEdit.Replace(a.Span, $"{variable}.log")));
            }
            else
            {
                continue;
            }

            if (!importAdded && PythonImports.AddImport(module, "flyte.report", "flytekit") is { } import)
            {
                importAdded = true;
                edits.Add(import);
            }

            yield return new Finding(Descriptor.Id, node.Span, "Deck → flyte.report tab")
            {
                Fix = new Fix(edits, Safety.Review, "Flyte 2 reports have named tabs instead of decks"),
            };
        }
    }

    // The `d.append` callees of a deck variable when every other use of it in its scope is such a call statement; else null.
    private static IReadOnlyList<SyntaxNode>? Appends(PythonModule module, SyntaxNode assign, string variable)
    {
        var scope = assign.Ancestors().FirstOrDefault(a => a.Kind is "FunctionDef" or "AsyncFunctionDef") ?? module.Root;
        var names = scope.Descendants().Where(n => n.Is("Name") && n.Scalar("id") == variable).ToList();
        var appends = new List<SyntaxNode>();
        foreach (var use in names)
        {
            if (use.Scalar("ctx") != "Load")
            {
                if (!ReferenceEquals(use.Parent, assign))
                {
                    return null;
                }

                continue;
            }

            if (use.Parent is not { Kind: "Attribute" } attribute || attribute.Scalar("attr") != "append"
                || attribute.Parent is not { Kind: "Call" } append || !ReferenceEquals(append.Child("func"), attribute) || append.Parent is not { Kind: "Expr" }
                || append.Span.Start < assign.Span.End)
            {
                return null;
            }

            appends.Add(attribute);
        }

        return appends;
    }
}
