using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Leaf nodes whose fields are shared between equal leaves, per thread and across parses: Names of one identifier in one
/// context, and non-string constants of one value. Nothing writes those fields (a Name that turns out to be a target takes
/// the shared fields of its new context, see <see cref="SyntaxNode.ShareLeafFields"/>), and trees hold a third fewer
/// bytes. A parser takes its thread's instance once.
/// </summary>
internal sealed class SharedLeaves
{
    private const int MaxShared = 25_000;

    [ThreadStatic]
    private static SharedLeaves? s_current;

    private readonly Dictionary<string, KeyValuePair<string, object?>[]> _loadNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyValuePair<string, object?>[]> _storeNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyValuePair<string, object?>[]> _deletedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyValuePair<string, object?>[]> _constants = new(StringComparer.Ordinal);

    /// <summary>This thread's instance.</summary>
    public static SharedLeaves Current => s_current ??= new SharedLeaves();

    /// <summary>A Name in the Load context.</summary>
    public SyntaxNode LoadName(int start, int end, string id) => new("Name", new TextSpan(start, end), true, NameFields(_loadNames, id, "Load"));

    /// <summary>The fields of a Name of <paramref name="id"/> in the Store or Del context (<paramref name="context"/>).</summary>
    public KeyValuePair<string, object?>[] TargetNameFields(string id, string context) => context switch
    {
        "Store" => NameFields(_storeNames, id, "Store"),
        "Del" => NameFields(_deletedNames, id, "Del"),
        _ => throw new ArgumentException($"not a target context: {context}", nameof(context)),
    };

    private static KeyValuePair<string, object?>[] NameFields(Dictionary<string, KeyValuePair<string, object?>[]> table, string id, string context)
    {
        if (!table.TryGetValue(id, out var fields))
        {
            fields = [new("id", id), new("ctx", context)];
            Remember(table, id, fields);
        }

        return fields;
    }

    /// <summary>A Constant that is not a string (keyword constants, numbers): a value's text tells its type ("1", "1.0",
    /// "1j", "True", "None", "..."), which is checked all the same.</summary>
    public SyntaxNode Constant(int start, int end, string type, string value)
    {
        if (!_constants.TryGetValue(value, out var fields) || !string.Equals((string?)fields[0].Value, type, StringComparison.Ordinal))
        {
            fields = [new("vt", type), new("v", value)];
            Remember(_constants, value, fields);
        }

        return new SyntaxNode("Constant", new TextSpan(start, end), true, fields);
    }

    private static void Remember(Dictionary<string, KeyValuePair<string, object?>[]> table, string key, KeyValuePair<string, object?>[] fields)
    {
        if (table.Count >= MaxShared)
        {
            table.Clear();
        }

        table[key] = fields;
    }
}
