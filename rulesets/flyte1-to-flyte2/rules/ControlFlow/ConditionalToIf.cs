using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.ControlFlow;

/// <summary>FLY302: <c>conditional("n").if_(c).then(a).elif_(d).then(b).else_().then(e)</c> (or <c>.fail(msg)</c>) → <c>if/elif/else</c>.</summary>
public sealed class ConditionalToIf : IRule
{
    private static readonly string[] ConditionalNames = ["flytekit.conditional", "flytekit.core.condition.conditional"];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY302",
        "conditional-to-if",
        "control-flow",
        Safety.Review,
        "conditional(...) chains assigned, returned or evaluated become if/elif/else; .fail(msg) becomes raise ValueError(msg); & | become and/or; is_true()/is_false()/is_none()/is_(v) become is True/is False/is None/is v.",
        "Flyte 2 drivers run real Python, so branches are plain if statements (reference/flyte.md §7.4).",
        "x = conditional(\"c\").if_(a > 1).then(t1(a=a)).else_().then(t2(a=a))  →  if a > 1:\\n    x = t1(a=a)\\nelse:\\n    x = t2(a=a)");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        var bindings = Flytekit.Bindings(module);
        if (!PythonImports.MayResolveTo(bindings, ConditionalNames))
        {
            // No binding can stand for conditional: no statement holds a chain.
            yield break;
        }

        foreach (var statement in module.Root.Descendants().Where(n => n.Kind is "Assign" or "Return" or "Expr"))
        {
            var value = statement.Child("value");
            if (value is null || Chain(value, bindings) is not { } chain)
            {
                continue;
            }

            string? target = null;
            if (statement.Is("Assign"))
            {
                var targets = statement.Children("targets");
                if (targets.Count != 1)
                {
                    continue;
                }

                target = module.GetText(targets[0]);
            }

            var indent = SourceText.IndentAt(module, statement.Span.Start);
            var unit = SourceText.IndentUnit(module);
            var lines = new List<string>();
            var first = true;
            SyntaxNode? condition = null;
            var complete = false;
            foreach (var (method, call) in chain)
            {
                switch (method)
                {
                    case "if_" or "elif_":
                        condition = call.Arguments.FirstOrDefault();
                        if (condition is null)
                        {
                            goto NextStatement;
                        }

                        break;
                    case "else_":
                        condition = null;
                        complete = true;
                        break;
                    case "then":
                        var body = call.Arguments.FirstOrDefault();
                        if (body is null)
                        {
                            goto NextStatement;
                        }

                        lines.Add(Head(module, condition, ref first, indent, complete));
                        var expression = module.GetText(body);
                        if (expression.Contains('\n', StringComparison.Ordinal) && !(expression.StartsWith('(') && expression.EndsWith(')')))
                        {
                            // A multi-line expression (e.g. a nested conditional) keeps its line breaks inside parentheses.
                            expression = $"({expression})";
                        }

                        lines.Add(indent + unit + statement.Kind switch
                        {
                            "Assign" => $"{target} = {expression}",
                            "Return" => $"return {expression}",
                            _ => expression,
                        });
                        break;
                    case "fail":
                        lines.Add(Head(module, condition, ref first, indent, complete));
                        var message = call.Arguments.FirstOrDefault() is { } m ? module.GetText(m) : SourceText.Literal(module, "condition failed");
                        lines.Add($"{indent}{unit}raise ValueError({message})");
                        break;
                }
            }

            var start = statement.Span.Start;
            var text = string.Join(module.NewLine, lines).TrimStart();
            yield return new Finding(Descriptor.Id, statement.Span, "conditional() → if/elif/else")
            {
                Fix = Fix.Review("conditional chain as if/elif/else", TextEdit.Replace(new TextSpan(start, statement.Span.End), text)),
            };
        NextStatement:;
        }
    }

    private static string Head(PythonModule module, SyntaxNode? condition, ref bool first, string indent, bool isElse)
    {
        var head = isElse ? "else:" : $"{(first ? "if" : "elif")} {Condition(module, condition!)}:";
        first = false;
        return indent + head;
    }

    // The chain's calls from conditional(...) outwards, or null when value is not a conditional chain.
    private static List<(string Method, CallSyntax Call)>? Chain(SyntaxNode value, IReadOnlyList<ImportBinding> bindings)
    {
        var calls = new List<(string, CallSyntax)>();
        var node = value;
        while (CallSyntax.From(node) is { } call)
        {
            if (Flytekit.Calls(node, bindings, ConditionalNames))
            {
                calls.Reverse();
                return calls.Count > 0 ? calls : null;
            }

            if (AttributeSyntax.From(call.Function) is not { } attribute)
            {
                return null;
            }

            calls.Add((attribute.Attribute, call));
            node = attribute.Value;
        }

        return null;
    }

    /// <summary>A Flyte 1 condition as Python: &amp; | → and/or, is_true()… → is True….</summary>
    internal static string Condition(PythonModule module, SyntaxNode node)
    {
        if (BinaryOperationSyntax.From(node) is { Operator: "BitAnd" or "BitOr" } binary)
        {
            var word = binary.Operator == "BitAnd" ? "and" : "or";
            return $"{Operand(module, binary.Left, binary.Operator)} {word} {Operand(module, binary.Right, binary.Operator)}";
        }

        if (CallSyntax.From(node) is { } call && AttributeSyntax.From(call.Function) is { } attribute)
        {
            var subject = module.GetText(attribute.Value);
            switch (attribute.Attribute)
            {
                case "is_true" when call.Arguments.Count == 0:
                    return $"{subject} is True";
                case "is_false" when call.Arguments.Count == 0:
                    return $"{subject} is False";
                case "is_none" when call.Arguments.Count == 0:
                    return $"{subject} is None";
                case "is_" when call.Arguments.Count == 1:
                    return $"{subject} is {module.GetText(call.Arguments[0])}";
            }
        }

        return module.GetText(node);
    }

    private static string Operand(PythonModule module, SyntaxNode node, string parentOperator)
    {
        var text = Condition(module, node);
        return BinaryOperationSyntax.From(node) is { Operator: "BitAnd" or "BitOr" } inner && inner.Operator != parentOperator ? $"({text})" : text;
    }
}
