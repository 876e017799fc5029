using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Decorators;

/// <summary>
/// FLY212: <c>kwtypes(a=int, b=str)</c> → <c>{"a": int, "b": str}</c>. flytekit's kwtypes only builds an ordered mapping of its
/// keyword arguments (flytekit/core/base_task.py), and Flyte 2 reads the same mapping as a plain dict where flytekit took one:
/// <c>ContainerTask(inputs=...)</c> (reference/flyte.md §14) and the column subset of <c>Annotated[flyte.io.DataFrame, {...}]</c>
/// (flyte-sdk <c>flyte/io/_dataframe/dataframe.py</c> <c>extract_cols_and_format</c> takes a dict, an OrderedDict or a
/// dataclass there, as flytekit's did). Only the call's name, parentheses and <c>name=</c> prefixes change, so values,
/// comments and line breaks inside the call stay as written; <c>kwtypes(**columns)</c> becomes <c>dict(**columns)</c>.
/// </summary>
public sealed class KwtypesToDict : IRule
{
    private static readonly string[] Kwtypes = ["flytekit.kwtypes", "flytekit.core.base_task.kwtypes"];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY212",
        "kwtypes-to-dict",
        "decorators",
        Safety.Safe,
        "kwtypes(a=int, b=str) → {\"a\": int, \"b\": str}: column subsets of Annotated[flyte.io.DataFrame, ...], ContainerTask interfaces and every other use; kwtypes(**d) → dict(**d).",
        "Flyte 2 has no kwtypes; it reads the same name → type mapping as a dict (reference/flyte.md §2, §12, §14).",
        "Annotated[StructuredDataset, kwtypes(Age=int)]  →  Annotated[flyte.io.DataFrame, {\"Age\": int}]");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        char? quote = null;
        foreach (var node in PythonImports.MayResolveTo(bindings, Kwtypes) ? module.Root.Descendants().Where(n => Flytekit.Calls(n, bindings, Kwtypes)) : [])
        {
            var call = new CallSyntax(node);
            if (call.Arguments.Count > 0)
            {
                continue; // kwtypes takes keywords only: the call fails in Flyte 1 already
            }

            if (call.Keywords.Any(k => k.Name is null))
            {
                // kwtypes(**columns, b=str) builds its keys at run time: dict(...) takes the same arguments
                yield return new Finding(Descriptor.Id, node.Span, "kwtypes(**...) → dict(**...)")
                {
                    Fix = new Fix([TextEdit.Replace(call.Function.Span, "dict")], Safety.Safe, "kwtypes only built this name → type mapping; Flyte 2 takes it as a dict"),
                };
                continue;
            }

            if (OpeningParenthesis(module, call) is not { } open)
            {
                continue;
            }

            quote ??= SourceText.PreferredQuote(module);
            var edits = new List<TextEdit> { TextEdit.Replace(new TextSpan(call.Function.Span.Start, open + 1), "{") };
            foreach (var keyword in call.Keywords)
            {
                edits.Add(TextEdit.Replace(NamePrefix(module, keyword), SourceText.Literal(quote.Value, keyword.Name!) + ": "));
            }

            edits.Add(TextEdit.Replace(new TextSpan(node.Span.End - 1, node.Span.End), "}"));
            yield return new Finding(Descriptor.Id, node.Span, "kwtypes(...) → the dict it stands for")
            {
                Fix = new Fix(edits, Safety.Safe, "kwtypes only built this name → type mapping; Flyte 2 takes it as a dict"),
            };
        }
    }

    // "name=" with the blanks around "=" on its line; a parenthesised value such as name=(\n int\n) keeps its "(".
    private static TextSpan NamePrefix(PythonModule module, KeywordSyntax keyword)
    {
        var end = module.Text.IndexOf('=', keyword.Node.Span.Start) + 1;
        while (end < keyword.Value.Span.Start && module.Text[end] is ' ' or '\t')
        {
            end++;
        }

        return new TextSpan(keyword.Node.Span.Start, end);
    }

    // The offset of the call's "(" (only whitespace between the callee and it); null when the text is unusual.
    private static int? OpeningParenthesis(PythonModule module, CallSyntax call)
    {
        var position = call.Function.Span.End;
        while (position < call.Node.Span.End && char.IsWhiteSpace(module.Text[position]))
        {
            position++;
        }

        return position < call.Node.Span.End && module.Text[position] == '(' && module.Text[call.Node.Span.End - 1] == ')' ? position : null;
    }
}
