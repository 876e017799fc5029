using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A member of a constants enum read as <c>constants.NAME.value</c> (<c>class constants(Enum): NAME = {...}</c>, defined in the
/// module or in the project module the class is imported from, through re-exports): the value it is assigned in the class body.
/// The body's own names stand for their values as the body runs (<c>{"dataset_id": DATASET_ID}</c> reads an earlier member's
/// plain value, <c>PARAMS["source_type"]</c> an entry of an earlier dict).
/// </summary>
public sealed record EnumMember(SyntaxNode Class, SyntaxNode Value)
{
    /// <summary>The member <paramref name="expression"/> reads the value of, or null when it is not <c>Class.NAME.value</c> of an
    /// enum class of the project whose body assigns NAME once.</summary>
    public static EnumMember? Of(PythonModule module, ProjectModel project, SyntaxNode expression)
    {
        if (expression is not { Kind: "Attribute" } || expression.Scalar("attr") != "value" || expression.Child("value") is not { Kind: "Attribute" } member
            || member.Child("value") is not { Kind: "Name" } owner || ProjectImports.Definition(module, project, owner.Scalar("id")!, "ClassDef") is not (_, var definition)
            || !definition.Children("bases").Any(b => (b.Scalar("id") ?? b.Scalar("attr"))?.EndsWith("Enum", StringComparison.Ordinal) == true))
        {
            return null;
        }

        var assignments = Assignments(definition, member.Scalar("attr")!).ToList();
        return assignments is [var only] ? new EnumMember(definition, only.Child("value")!) : null;
    }

    /// <summary>The value as YAML flow text (<see cref="PythonLiterals.ToYaml(SyntaxNode, Func{SyntaxNode, SyntaxNode?})"/>), or null
    /// when it is not a literal.</summary>
    public string? Yaml() => PythonLiterals.ToYaml(Value, Resolve);

    /// <summary>The entries of the value when it is a dict literal (<see cref="PythonLiterals.Entries"/>), or null.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Entries() => PythonLiterals.Entries(Value, Resolve);

    // A name of the class body assigned once there, or an entry of a dict the body assigned: what it stands for.
    private SyntaxNode? Resolve(SyntaxNode node)
    {
        if (node.Is("Name"))
        {
            return Assignments(Class, node.Scalar("id")!).ToList() is [var only] ? only.Child("value") : null;
        }

        var container = node.Child("value") is { Kind: "Name" } name ? Resolve(name) : node.Child("value");
        if (container is not { Kind: "Dict" } || ConstantSyntax.StringValue(node.Child("slice")) is not { } key)
        {
            return null;
        }

        var keys = container.Children("keys");
        for (var index = 0; index < keys.Count; index++)
        {
            if (ConstantSyntax.StringValue(keys[index]) == key)
            {
                return container.Children("values")[index];
            }
        }

        return null;
    }

    private static IEnumerable<SyntaxNode> Assignments(SyntaxNode definition, string name) =>
        definition.Children("body").Where(s => s.Is("Assign") && s.Children("targets") is [{ Kind: "Name" } target] && target.Scalar("id") == name);
}
