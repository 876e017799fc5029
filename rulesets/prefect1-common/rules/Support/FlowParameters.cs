using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>One v1 <c>Parameter(...)</c> as a 2/3 function parameter (reference §2.2).</summary>
public sealed record FlowParameter(string PublicName, string Identifier, string? DefaultText, bool IsDateTime, SyntaxNode Call)
{
    public bool Required => DefaultText is null;

    public bool Renamed => PublicName != Identifier;

    /// <summary>The parameter as written in the signature.</summary>
    public string Signature(string datetimeName) => (IsDateTime, DefaultText) switch
    {
        (true, null) => $"{Identifier}: {datetimeName}",
        (true, "None") => $"{Identifier}: Optional[{datetimeName}] = None",
        (true, _) => $"{Identifier}: {datetimeName} = {DefaultText}",
        (false, null) => Identifier,
        _ => $"{Identifier}={DefaultText}",
    };
}

/// <summary>Reads <c>Parameter</c> / <c>DateTimeParameter</c> calls.</summary>
public static class FlowParameters
{
    public static bool IsParameterCall(PrefectSymbols symbols, SyntaxNode? node) =>
        symbols.IsCall(node, "prefect.Parameter", "prefect.DateTimeParameter");

    /// <summary>The parameter a call declares, or null when its name is not a string literal.</summary>
    public static FlowParameter? Read(PythonModule module, PrefectSymbols symbols, SyntaxNode callNode)
    {
        var call = new CallSyntax(callNode);
        var nameNode = call.Arguments.FirstOrDefault() ?? call.Keyword("name")?.Value;
        if (ConstantSyntax.StringValue(nameNode) is not { } publicName)
        {
            return null;
        }

        var isDateTime = symbols.Is(call.Function, "prefect.DateTimeParameter");
        var defaultNode = call.Arguments.Count > 1 ? call.Arguments[1] : call.Keyword("default")?.Value;
        var requiredNode = call.Arguments.Count > 2 ? call.Arguments[2] : call.Keyword("required")?.Value;
        var required = requiredNode is null ? (bool?)null : ConstantSyntax.From(requiredNode) is { ValueType: "bool" } b ? b.Value == "True" : null;
        string? defaultText = defaultNode is null ? null : module.GetText(defaultNode);
        // v1: required=None means "required when no default"; DateTimeParameter defaults to required=True.
        var isRequired = required ?? (isDateTime || defaultNode is null);
        if (isRequired)
        {
            defaultText = null;
        }
        else
        {
            defaultText ??= "None";
        }

        var identifier = Names.IsIdentifier(publicName) ? publicName : Names.Identifier(publicName);
        if (Names.Reserved.Contains(identifier))
        {
            identifier += "_";
        }

        return new FlowParameter(publicName, identifier, defaultText, isDateTime, callNode);
    }

    /// <summary>Signature text: required parameters first, then those with defaults, each group in source order.</summary>
    public static string Signature(IEnumerable<FlowParameter> parameters, string datetimeName) =>
        string.Join(", ", parameters.Where(p => p.Required).Concat(parameters.Where(p => !p.Required)).Select(p => p.Signature(datetimeName)));

    /// <summary>The TODO text for renamed parameters, or null.</summary>
    public static string? RenameTodo(IEnumerable<FlowParameter> parameters)
    {
        var renamed = parameters.Where(p => p.Renamed).ToList();
        return renamed.Count == 0
            ? null
            : "flow parameter names must be Python identifiers and not return_state/wait_for: "
              + string.Join(", ", renamed.Select(p => $"'{p.PublicName}' is now '{p.Identifier}'"))
              + "; update schedules, deployments and callers that pass the old names";
    }
}
