namespace Assistant.Core.Git;

/// <summary>A name and email as git records them (<c>Name &lt;email&gt;</c>).</summary>
internal sealed record GitIdentity
{
    public GitIdentity(string name, string email)
    {
        Require(name, nameof(name));
        Require(email, nameof(email));
        Name = name;
        Email = email;
    }

    public string Name { get; }

    public string Email { get; }

    public override string ToString() => $"{Name} <{Email}>";

    private static void Require(string value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(['<', '>', '\n', '\r', '\0']) >= 0)
        {
            throw new ArgumentException($"Not usable in a git identity: '{value}'", parameter);
        }
    }
}
