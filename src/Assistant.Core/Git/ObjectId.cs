namespace Assistant.Core.Git;

/// <summary>A full git object name: 40 (SHA-1) or 64 (SHA-256) lowercase hex digits.</summary>
internal sealed record ObjectId
{
    public ObjectId(string value)
    {
        if (value.Length is not (40 or 64) || !value.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Not a full object id: '{value}'", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public string Abbreviated => Value[..12];

    public static bool TryParse(string text, out ObjectId? id)
    {
        var trimmed = text.Trim();
        id = trimmed.Length is 40 or 64 && trimmed.All(char.IsAsciiHexDigitLower) ? new ObjectId(trimmed) : null;
        return id is not null;
    }

    public override string ToString() => Value;
}
