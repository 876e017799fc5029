namespace Assistant.Core.Git;

/// <summary>A <c>Key: value</c> line in the last paragraph of a commit message.</summary>
internal sealed record CommitTrailer
{
    public CommitTrailer(string key, string value)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"A trailer key is letters, digits and '-': '{key}'", nameof(key));
        }

        if (!IsValidValue(value))
        {
            throw new ArgumentException($"A trailer value is one non-empty line: '{value}'", nameof(value));
        }

        Key = key;
        Value = value.Trim();
    }

    public string Key { get; }

    public string Value { get; }

    public static bool IsValidKey(string key) =>
        key.Length > 0 && char.IsAsciiLetterOrDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static bool IsValidValue(string value) =>
        !string.IsNullOrWhiteSpace(value) && value.IndexOfAny(['\n', '\r', '\0']) < 0;

    public override string ToString() => $"{Key}: {Value}";
}
