using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// <c>secret_requests=[Secret(group=, key=, env_var=, mount_requirement=)]</c> → <c>[flyte.Secret(group=, key=, as_env_var=)]</c>
/// (reference/flyte.md §6). Positional flytekit arguments (group, key, group_version, mount_requirement, env_var)
/// become keywords, since Flyte 2's order is (key, group, mount, as_env_var).
/// </summary>
internal sealed class SecretsText(PythonModule module, IReadOnlyList<ImportBinding> bindings)
{
    private static readonly string[] PositionalOrder = ["group", "key", "group_version", "mount_requirement", "env_var"];

    public List<string> Notes { get; } = [];

    public string Build(SyntaxNode value)
    {
        var elements = value.Kind is "List" or "Tuple" ? value.Children("elts") : [value];
        return "[" + string.Join(", ", elements.Select(Secret)) + "]";
    }

    private bool IsSecretCall(SyntaxNode node) => Flytekit.Calls(node, bindings, "flytekit.Secret", "flytekit.models.security.Secret");

    /// <summary>The environment variable Flyte 2 exposes a secret as (<c>GROUP_KEY</c>), for literal group/key.</summary>
    public static string EnvVarName(string? group, string key) =>
        (group is null ? key : $"{group}_{key}").Replace('-', '_').ToUpperInvariant();

    private string Secret(SyntaxNode element)
    {
        // A module constant made once from a literal Secret(...) (shared, say, with a plugin decorator that still needs the flytekit
        // object): its call is converted in place of the name, and the name keeps its flytekit value for the others.
        if (element.Is("Name") && ModuleConstants.ValueOf(module, element.Scalar("id")!) is { } assigned && IsSecretCall(assigned))
        {
            element = assigned;
        }

        if (!IsSecretCall(element))
        {
            Notes.Add($"secret {module.GetText(element)} was not converted, it is not a literal Secret(...) call: convert it to flyte.Secret(key=..., group=..., as_env_var=...) (reference/flyte.md §6)");
            return module.GetText(element);
        }

        var call = new CallSyntax(element);
        var values = new List<(string Name, SyntaxNode Value)>();
        for (var i = 0; i < call.Arguments.Count && i < PositionalOrder.Length; i++)
        {
            values.Add((PositionalOrder[i], call.Arguments[i]));
        }

        values.AddRange(call.Keywords.Where(k => k.Name is not null).Select(k => (k.Name!, k.Value)));
        var parts = new List<string>();
        foreach (var (name, node) in values)
        {
            var text = module.GetText(node);
            switch (name)
            {
                case "group" or "key":
                    parts.Add($"{name}={text}");
                    break;
                case "env_var":
                    parts.Add($"as_env_var={text}");
                    break;
                case "mount_requirement" when text.EndsWith("FILE", StringComparison.Ordinal):
                    Notes.Add($"secret mounted as a file ({text}): add mount=pathlib.Path(\"/etc/flyte/secrets\") to this flyte.Secret and read it from there (reference/flyte.md §6)");
                    break;
                case "mount_requirement":
                    break;
                case "group_version":
                    Notes.Add($"Secret(group_version={text}) has no Flyte 2 equivalent: make sure the secret store holds this version under the key (reference/flyte.md §6)");
                    break;
                default:
                    Notes.Add($"Secret({name}={text}) has no Flyte 2 equivalent (reference/flyte.md §6)");
                    break;
            }
        }

        return $"flyte.Secret({string.Join(", ", parts)})";
    }
}
