using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// Cheap, exact pre-checks for rules that look for calls of particular flytekit names: such a call reads a Name bound by
/// one of the module's flytekit imports, and in ASCII source a Name's text is its identifier. Source with other
/// characters gets no shortcut (Python NFKC-normalizes identifiers, so their text may differ from the name).
/// </summary>
internal static class FlytekitCalls
{
    /// <summary>
    /// The module's <c>Call</c> nodes in the order <c>Root.Descendants()</c> lists them, leaving out the top-level statements
    /// whose source (decorators included) mentions no local name that may resolve to one of <paramref name="qualifiedNames"/>:
    /// no call in them can. Reading only the other statements' subtrees spares ordering the whole tree.
    /// </summary>
    public static IReadOnlyList<SyntaxNode> InStatementsMentioning(PythonModule module, IReadOnlyList<ImportBinding> bindings, string[] qualifiedNames)
    {
        var text = module.Text;
        if (!System.Text.Ascii.IsValid(text))
        {
            return module.Root.Descendants().Where(n => n.Is("Call")).ToList();
        }

        var names = new List<string>();
        foreach (var binding in bindings)
        {
            if (PythonImports.MayResolveTo([binding], qualifiedNames) && !names.Contains(binding.LocalName))
            {
                names.Add(binding.LocalName);
            }
        }

        var calls = new List<SyntaxNode>();
        if (names.Count == 0)
        {
            return calls;
        }

        foreach (var statement in module.Body)
        {
            // A def's or class's decorators come before its span.
            var start = statement.Span.Start;
            foreach (var decorator in statement.Children("decorator_list"))
            {
                start = Math.Min(start, decorator.Span.Start);
            }

            if (!Mentions(text.AsSpan(start, statement.Span.End - start), names))
            {
                continue;
            }

            foreach (var node in Flytekit.SubtreeNodes(statement))
            {
                if (node.Is("Call"))
                {
                    calls.Add(node);
                }
            }
        }

        return calls;
    }

    /// <summary>
    /// False only when the module cannot use any of <paramref name="lastNames"/> (the last parts of qualified flytekit names):
    /// a resolved name's last part is written in the import or in the expression, so ASCII source without it has none.
    /// </summary>
    public static bool MayMention(PythonModule module, params string[] lastNames)
    {
        var text = module.Text;
        foreach (var name in lastNames)
        {
            if (text.Contains(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return !System.Text.Ascii.IsValid(text);
    }

    private static bool Mentions(ReadOnlySpan<char> source, List<string> names)
    {
        foreach (var name in names)
        {
            if (source.Contains(name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
