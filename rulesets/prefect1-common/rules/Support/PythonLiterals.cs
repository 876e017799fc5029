using System.Globalization;
using System.Text;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Python literals (str/int/float/bool/None, lists, dicts) → YAML flow text, for generated deployment files.</summary>
public static class PythonLiterals
{
    /// <summary>YAML for a literal, or null when the expression is not a plain literal.</summary>
    public static string? ToYaml(SyntaxNode node) => ToYaml(node, _ => true);

    /// <summary>YAML for a literal whose top-level dict keeps only the keys <paramref name="keepKey"/> accepts.</summary>
    public static string? ToYaml(SyntaxNode node, Func<string, bool> keepKey) => ToYaml(node, keepKey, _ => null, 0);

    /// <summary>YAML for a literal in which names and subscripts may stand for literals: <paramref name="resolve"/> gives the
    /// expression a <c>Name</c> or <c>Subscript</c> node stands for (as a class body reads its own earlier assignments), or null.</summary>
    public static string? ToYaml(SyntaxNode node, Func<SyntaxNode, SyntaxNode?> resolve) => ToYaml(node, _ => true, resolve, 0);

    // Names standing for names standing for literals rarely go deeper; the bound also stops a name that stands for itself.
    private const int MaxResolved = 8;

    private static string? ToYaml(SyntaxNode node, Func<string, bool> keepKey, Func<SyntaxNode, SyntaxNode?> resolve, int resolved)
    {
        string? Inner(SyntaxNode child) => ToYaml(child, _ => true, resolve, resolved);
        switch (node.Kind)
        {
            case "Constant":
                var constant = new ConstantSyntax(node);
                return constant.ValueType switch
                {
                    "str" => Quote(constant.Value!),
                    "int" or "float" => constant.Value,
                    "bool" => constant.Value == "True" ? "true" : "false",
                    "none" => "null",
                    _ => null,
                };
            case "List" or "Tuple":
                var items = node.Children("elts").Select(Inner).ToList();
                return items.Any(i => i is null) ? null : $"[{string.Join(", ", items)}]";
            case "Dict":
                return Entries(node, resolve, resolved) is { } entries ? Mapping(entries.Where(e => keepKey(e.Key))) : null;
            case "UnaryOp" when node.Scalar("op") == "USub" && node.Child("operand") is { } operand && Inner(operand) is { } inner:
                return "-" + inner;
            case "Name" or "Subscript" when resolved < MaxResolved && resolve(node) is { } value:
                return ToYaml(value, keepKey, resolve, resolved + 1);
            default:
                return null;
        }
    }

    /// <summary>The entries of a dict literal, in order, each key with its value as YAML (names and subscripts in the values resolved as
    /// <see cref="ToYaml(SyntaxNode, Func{SyntaxNode, SyntaxNode?})"/> does); null when it is not a dict literal with string keys and
    /// literal values.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Entries(SyntaxNode node, Func<SyntaxNode, SyntaxNode?> resolve) => Entries(node, resolve, 0);

    /// <summary>A YAML flow mapping of <paramref name="entries"/> (values already YAML).</summary>
    public static string Mapping(IEnumerable<KeyValuePair<string, string>> entries) =>
        $"{{{string.Join(", ", entries.Select(e => $"{Quote(e.Key)}: {e.Value}"))}}}";

    private static List<KeyValuePair<string, string>>? Entries(SyntaxNode node, Func<SyntaxNode, SyntaxNode?> resolve, int resolved)
    {
        if (!node.Is("Dict"))
        {
            return null;
        }

        var keys = node.Children("keys");
        var values = node.Children("values");
        var entries = new List<KeyValuePair<string, string>>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (ConstantSyntax.StringValue(keys[i]) is not { } key || ToYaml(values[i], _ => true, resolve, resolved) is not { } value)
            {
                return null;
            }

            entries.Add(new(key, value));
        }

        return entries;
    }

    /// <summary>A double-quoted YAML scalar (JSON-compatible escaping).</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when c < 0x20 => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
