using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// <c>Renderer(...).to_html(x)</c> of a flytekit deck renderer → the library call the renderer makes (reference/flyte.md
/// §13.2: renderers from flytekitplugins.deck → generate HTML yourself): flytekit's <c>MarkdownRenderer</c> renders with
/// <c>markdown_it.MarkdownIt().render</c> (markdown-it-py, which flyte installs through rich), the deck plugin's with
/// <c>markdown.markdown</c>, and the plugin's <c>BoxRenderer(column)</c> is <c>plotly.express.box(df, y=column).to_html()</c>
/// (markdown and plotly are requirements of flytekitplugins-deck-standard, which the image keeps); <c>FrameProfilingRenderer(title)</c>
/// is <c>ydata_profiling.ProfileReport(df, title=title).to_html()</c>, imported where it runs as the renderer did.
/// </summary>
internal static class DeckRenderers
{
    private const string ProfilingModule = "ydata_profiling";
    private static readonly string[] FlytekitMarkdown = ["flytekit.deck.MarkdownRenderer", "flytekit.deck.renderer.MarkdownRenderer"];
    private static readonly string[] PluginMarkdown = ["flytekitplugins.deck.MarkdownRenderer", "flytekitplugins.deck.renderer.MarkdownRenderer"];
    private static readonly string[] Box = ["flytekitplugins.deck.BoxRenderer", "flytekitplugins.deck.renderer.BoxRenderer"];
    private static readonly string[] FrameProfiling = ["flytekitplugins.deck.FrameProfilingRenderer", "flytekitplugins.deck.renderer.FrameProfilingRenderer"];

    /// <summary>One finding per renderer call written as its library call; the imports it needs come with the first.</summary>
    public static IEnumerable<Finding> Analyze(RuleContext context, string ruleId)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in module.Root.Descendants().Where(n => n.Is("Call")).ToList())
        {
            if (Rewrite(module, bindings, new CallSyntax(node)) is not var (text, import))
            {
                continue;
            }

            var edits = new List<TextEdit> { TextEdit.Replace(node.Span, text) };
            if (import == ProfilingModule)
            {
                // The renderer imported ydata_profiling when it ran (the package is optional): so does the task, in its body.
                if (Statement(module, node) is not { } statement)
                {
                    continue;
                }

                var function = statement.Parent!;
                if (added.Add($"{import}@{function.Span.Start}") && !function.Descendants().Any(n => n.Is("Import") && new ImportSyntax(n).Names.Any(i => i.Name == import && i.Alias is null)))
                {
                    edits.Add(TextEdit.Insert(statement.Span.Start, $"import {import}{module.NewLine}{SourceText.IndentAt(module, statement.Span.Start)}"));
                }
            }
            else if (import is not null && added.Add(import) && PythonImports.AddImport(module, import, "flytekit") is { } edit)
            {
                edits.Add(edit);
            }

            yield return new Finding(ruleId, node.Span, "deck renderer → the library call it makes")
            {
                Fix = new Fix(edits, Safety.Review, "Flyte 2 has no deck renderers: the task writes the HTML the renderer wrote"),
            };
        }
    }

    // The replacement text of renderer(...).to_html(...) and the module it needs imported (null: bound already); null when not one.
    private static (string Text, string? Import)? Rewrite(PythonModule module, IReadOnlyList<ImportBinding> bindings, CallSyntax toHtml)
    {
        if (AttributeSyntax.From(toHtml.Function) is not { Attribute: "to_html" } attribute || !attribute.Value.Is("Call")
            || toHtml.Arguments.Any(a => a.Is("Starred")) || toHtml.Keywords.Any(k => k.Name is null))
        {
            return null;
        }

        var renderer = new CallSyntax(attribute.Value);
        if (renderer.Arguments.Any(a => a.Is("Starred")) || renderer.Keywords.Any(k => k.Name is null))
        {
            return null;
        }

        if (Flytekit.Calls(renderer.Node, bindings, FlytekitMarkdown) && renderer.Arguments.Count == 0 && renderer.Keywords.Count == 0 && Single(module, toHtml, "text") is { } text)
        {
            return ($"markdown_it.MarkdownIt().render({text})", "markdown_it");
        }

        if (Flytekit.Calls(renderer.Node, bindings, PluginMarkdown) && renderer.Arguments.Count == 0 && renderer.Keywords.Count == 0 && Single(module, toHtml, "text") is { } markdown)
        {
            return ($"markdown.markdown({markdown})", "markdown");
        }

        if (Flytekit.Calls(renderer.Node, bindings, Box) && Single(module, renderer, "column_name") is { } column && Single(module, toHtml, "df") is { } frame)
        {
            var express = ModuleAlias(module, "plotly.express");
            return ($"{express ?? "plotly.express"}.box({frame}, y={column}).to_html()", express is null ? "plotly.express" : null);
        }

        if (Flytekit.Calls(renderer.Node, bindings, FrameProfiling) && Single(module, toHtml, "df") is { } df
            && (renderer.Arguments.Count + renderer.Keywords.Count == 0 || Single(module, renderer, "title") is not null))
        {
            var title = Single(module, renderer, "title") ?? SourceText.Literal(module, "Pandas Profiling Report");
            return ($"{ProfilingModule}.ProfileReport({df}, title={title}).to_html()", ProfilingModule);
        }

        return null;
    }

    // The statement of a function body holding the node, when it starts its line; null at module level.
    private static SyntaxNode? Statement(PythonModule module, SyntaxNode node) =>
        node.Ancestors().FirstOrDefault(a => a.ParentField == "body" && a.Parent?.Kind is "FunctionDef" or "AsyncFunctionDef") is { } statement
        && SourceText.StartsLine(module, statement.Span.Start) ? statement : null;

    // The text of the call's only argument, given by position or as the keyword <paramref name="name"/>; null otherwise.
    private static string? Single(PythonModule module, CallSyntax call, string name) =>
        (call.Arguments.Count, call.Keywords.Count) switch
        {
            (1, 0) => module.GetText(call.Arguments[0]),
            (0, 1) when call.Keywords[0].Name == name => module.GetText(call.Keywords[0].Value),
            _ => null,
        };

    // The name a module-level `import X as alias` / `import X` binds for X (also inside a module-level if), or null.
    private static string? ModuleAlias(PythonModule module, string moduleName)
    {
        var statements = module.Body.Concat(module.Body.Where(s => s.Is("If")).SelectMany(s => s.Children("body")));
        foreach (var statement in statements.Where(s => s.Is("Import")))
        {
            if (new ImportSyntax(statement).Names.FirstOrDefault(n => n.Name == moduleName) is { } name)
            {
                return name.Alias ?? moduleName;
            }
        }

        return null;
    }
}
