using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A module-level call that gives a v1 flow copy its own parameter defaults through a project helper written the way v1 projects
/// wrote it: <c>copy = set_default_parameters(copy, default_parameters={...})</c>, the helper being
/// <c>for parameter in flow.parameters(): if parameter.name in defaults: parameter.default = defaults[parameter.name]</c> then
/// <c>return flow</c>. The helper is recognised by that body, not by its name, in the module or the project module it is imported
/// from (<see cref="ProjectImports.Definition"/>). <see cref="Defaults"/> is the dict as written at the call.
/// </summary>
public sealed record ParameterDefaults(SyntaxNode Statement, string Helper, SyntaxNode Defaults)
{
    /// <summary>The module's calls that set <paramref name="copy"/>'s parameter defaults, in source order.</summary>
    public static IReadOnlyList<ParameterDefaults> Of(PythonModule module, ProjectModel project, string copy)
    {
        var calls = new List<ParameterDefaults>();
        foreach (var statement in module.Body)
        {
            var call = statement.Kind switch
            {
                "Expr" => CallSyntax.From(statement.Child("value")),
                "Assign" when statement.Children("targets") is [{ Kind: "Name" } target] && target.Scalar("id") == copy => CallSyntax.From(statement.Child("value")),
                _ => null,
            };
            if (call?.Function is { Kind: "Name" } function && HelperParameters(module, project, function.Scalar("id")!) is { } parameters
                && Argument(call, parameters, 0) is { Kind: "Name" } flow && flow.Scalar("id") == copy && Argument(call, parameters, 1) is { } defaults
                && call.Arguments.Count + call.Keywords.Count == 2)
            {
                calls.Add(new ParameterDefaults(statement, function.Scalar("id")!, defaults));
            }
        }

        return calls;
    }

    // Names bound to names bound to dicts rarely go deeper; the bound also stops a name that stands for itself.
    private const int MaxDepth = 8;

    /// <summary>The defaults' entries, each value as YAML (<see cref="PythonLiterals.Entries"/>): of a dict literal, a member of a
    /// constants enum (<c>constants.PARAMS.value</c>, <see cref="EnumMember"/>), a name bound to one of these at module level (this
    /// module or the project module it comes from), or the union of such dicts (<c>constants.DEFAULTS.value | {"recapture": True}</c>:
    /// the right one's entries win, as in Python); null when they are not a literal.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Entries(PythonModule module, ProjectModel project) => Entries(module, project, Defaults, 0);

    private static IReadOnlyList<KeyValuePair<string, string>>? Entries(PythonModule module, ProjectModel project, SyntaxNode node, int depth) => node switch
    {
        _ when depth > MaxDepth => null,
        { Kind: "Dict" } => PythonLiterals.Entries(node, _ => null),
        { Kind: "Name" } => ModuleLevelValues.Of(module, project, node.Scalar("id")!) is { } definition
            ? Entries(definition.Module, project, definition.Value, depth + 1)
            : null,
        { Kind: "BinOp" } when node.Scalar("op") == "BitOr" && node.Child("left") is { } left && node.Child("right") is { } right =>
            Union(Entries(module, project, left, depth + 1), Entries(module, project, right, depth + 1)),
        _ => EnumMember.Of(module, project, node)?.Entries(),
    };

    // Python's dict union: the left dict's keys in their order, a key both have taking the right one's value, then the right's new keys.
    private static List<KeyValuePair<string, string>>? Union(IReadOnlyList<KeyValuePair<string, string>>? left, IReadOnlyList<KeyValuePair<string, string>>? right)
    {
        if (left is null || right is null)
        {
            return null;
        }

        var union = left.ToList();
        foreach (var entry in right)
        {
            var index = union.FindIndex(e => e.Key == entry.Key);
            if (index >= 0)
            {
                union[index] = entry;
            }
            else
            {
                union.Add(entry);
            }
        }

        return union;
    }

    // The argument the call passes for the helper's parameter at `index`, by position or by keyword.
    private static SyntaxNode? Argument(CallSyntax call, IReadOnlyList<string> parameters, int index) =>
        index < call.Arguments.Count ? call.Arguments[index] : call.Keyword(parameters[index])?.Value;

    // The names of the helper's parameters when `name` is a function written as the docs above say, defined at module level here
    // or in the project module the name is imported from.
    private static IReadOnlyList<string>? HelperParameters(PythonModule module, ProjectModel project, string name)
    {
        if (ProjectImports.Definition(module, project, name, "FunctionDef") is not (var home, var node))
        {
            return null;
        }

        var function = new FunctionDefSyntax(node);
        var parameters = function.ParameterNames;
        var body = function.Body.SkipWhile(s => s.Is("Expr") && ConstantSyntax.StringValue(s.Child("value")) is not null).ToList();
        return parameters.Count >= 2 && body is [{ Kind: "For" } loop, { Kind: "Return" } returned]
            && returned.Child("value") is { Kind: "Name" } result && result.Scalar("id") == parameters[0]
            && SetsDefaults(home, loop, parameters[0], parameters[1])
            ? parameters
            : null;
    }

    // for p in flow.parameters(): [if p.name in defaults:] p.default = defaults[p.name]
    private static bool SetsDefaults(PythonModule module, SyntaxNode loop, string flow, string defaults)
    {
        if (loop.Child("target") is not { Kind: "Name" } target || CallSyntax.From(loop.Child("iter")) is not { Arguments.Count: 0, Keywords.Count: 0 } iter
            || !IsAttributeOf(iter.Function, flow, "parameters") || loop.Children("orelse").Count > 0)
        {
            return false;
        }

        var parameter = target.Scalar("id")!;
        var body = loop.Children("body");
        if (body is [{ Kind: "If" } guard] && guard.Children("orelse").Count == 0 && guard.Child("test") is { Kind: "Compare" } test
            && test.Child("left") is { } left && IsAttributeOf(left, parameter, "name")
            && test.Children("comparators") is [{ Kind: "Name" } container] && container.Scalar("id") == defaults
            && module.Text.AsSpan(left.Span.End, container.Span.Start - left.Span.End).Trim().SequenceEqual("in"))
        {
            body = guard.Children("body");
        }

        return body is [{ Kind: "Assign" } assign] && assign.Children("targets") is [var assigned] && IsAttributeOf(assigned, parameter, "default")
            && assign.Child("value") is { Kind: "Subscript" } read && read.Child("value") is { Kind: "Name" } source && source.Scalar("id") == defaults
            && IsAttributeOf(read.Child("slice"), parameter, "name");
    }

    private static bool IsAttributeOf(SyntaxNode? node, string owner, string attribute) =>
        node is { Kind: "Attribute" } && node.Scalar("attr") == attribute && node.Child("value") is { Kind: "Name" } value && value.Scalar("id") == owner;
}
