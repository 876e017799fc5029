using System.Runtime.CompilerServices;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Leaf nodes whose fields are shared between equal leaves, per thread and across parses: Names of one identifier in one
/// context, constants of one value (short plain strings included). Nothing writes those fields (a Name that turns out to be a target takes
/// the shared fields of its new context, see <see cref="SyntaxNode.ShareLeafValues"/>), and trees hold a third fewer
/// bytes. The fields of names and number literals are kept in their <see cref="NameTable"/> entries, which their tokens
/// carry, so a leaf costs no lookup. A parser takes its thread's instance once.
/// </summary>
internal sealed class SharedLeaves
{
    // Longer string values (docstrings, messages) are mostly unique: not worth keeping.
    private const int MaxSharedString = 64;

    [ThreadStatic]
    private static SharedLeaves? s_current;

    // The shapes of the shared leaves: a Name's fields, a Constant's.
    private static readonly SyntaxLayout NameLayout = new("Name", true, ["id", "ctx"], [SyntaxLayout.ScalarField, SyntaxLayout.ScalarField]);
    private static readonly SyntaxLayout ConstantLayout = new("Constant", true, ["vt", "v"], [SyntaxLayout.ScalarField, SyntaxLayout.ScalarField]);

    private readonly object?[] _ellipsis = ["ellipsis", "..."];

    /// <summary>This thread's instance.</summary>
    public static SharedLeaves Current => s_current ??= new SharedLeaves();

    /// <summary>A Name in the Load context, of the identifier <paramref name="token"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode LoadName(Token token)
    {
        var name = token.Name!;
        var fields = name.LoadFields ??= [name.Text, "Load"];
        return new SyntaxNode(NameLayout, new TextSpan(token.Start, token.End), fields);
    }

    /// <summary>A Name in the Store context, of the identifier <paramref name="token"/>.</summary>
    public static SyntaxNode StoreName(Token token) => new(NameLayout, new TextSpan(token.Start, token.End), StoreFields(token.Name!));

    /// <summary>The field values of a Name of <paramref name="id"/> in the Store or Del context (<paramref name="context"/>).</summary>
    public object?[] TargetNameFields(string id, string context) => context switch
    {
        "Store" => StoreFields(NameTable.Current.Entry(id)),
        "Del" => DeletedFields(NameTable.Current.Entry(id)),
        _ => throw new ArgumentException($"not a target context: {context}", nameof(context)),
    };

    private static object?[] StoreFields(InternedName name) => name.StoreFields ??= [name.Text, "Store"];

    private static object?[] DeletedFields(InternedName name) => name.DeletedFields ??= [name.Text, "Del"];

    /// <summary>The Constant of a keyword constant (True, False, None) or a number literal: its type and Python's repr of
    /// its value, read once per literal text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Constant(Token token)
    {
        var name = token.Name!;
        var fields = name.ConstantFields ??= ConstantFields(token);
        return new SyntaxNode(ConstantLayout, new TextSpan(token.Start, token.End), fields);
    }

    /// <summary>The str Constant whose value is <paramref name="text"/>[<paramref name="bodyStart"/>..<paramref name="bodyEnd"/>)
    /// as it stands (a literal without escapes): short values are kept once per thread, with their fields.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode PlainString(int start, int end, string text, int bodyStart, int bodyEnd)
    {
        var body = text.AsSpan(bodyStart, bodyEnd - bodyStart);
        object?[] fields;
        if (body.Length <= MaxSharedString)
        {
            var hash = NameTable.EmptyHash;
            foreach (var c in body)
            {
                hash = NameTable.Hash(hash, c);
            }

            var value = NameTable.Current.Entry(body, hash);
            fields = value.StringFields ??= ["str", value.Text];
        }
        else
        {
            fields = ["str", body.ToString()];
        }

        return new SyntaxNode(ConstantLayout, new TextSpan(start, end), fields);
    }

    /// <summary>The Constant <c>...</c>.</summary>
    public SyntaxNode Ellipsis(Token token) => new(ConstantLayout, new TextSpan(token.Start, token.End), _ellipsis);

    private static object?[] ConstantFields(Token token)
    {
        var (type, value) = token.Kind == TokenKind.Number
            ? NumberLiteral.Value(token.Text)
            : token.Text switch
            {
                "True" => ("bool", "True"),
                "False" => ("bool", "False"),
                "None" => ("none", "None"),
                _ => throw new ArgumentException($"not a constant: {token.Text}", nameof(token)),
            };
        return [type, value];
    }
}
