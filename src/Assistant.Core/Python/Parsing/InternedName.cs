namespace Assistant.Core.Python.Parsing;

/// <summary>
/// One identifier, reserved word, number literal or short string value of a thread's <see cref="NameTable"/>: its string, whether it is reserved,
/// and the leaf fields trees share for it, made the first time they are asked for (see <see cref="SharedLeaves"/>): a Name
/// of it in each context, the Constant a number literal or keyword constant stands for, or a str Constant of it. A token carries its entry, so a
/// leaf finds its fields without hashing the name again.
/// </summary>
internal sealed class InternedName(string text, uint hash, bool reserved)
{
    public string Text => text;

    public uint Hash => hash;

    public bool Reserved => reserved;

    /// <summary>The field values of a Name of this identifier in the Load context, once made.</summary>
    public object?[]? LoadFields { get; set; }

    /// <summary>… in the Store context.</summary>
    public object?[]? StoreFields { get; set; }

    /// <summary>… in the Del context.</summary>
    public object?[]? DeletedFields { get; set; }

    /// <summary>The field values of a str Constant of this text, once made.</summary>
    public object?[]? StringFields { get; set; }

    /// <summary>The field values of the Constant this number literal or keyword constant is, once made.</summary>
    public object?[]? ConstantFields { get; set; }
}
