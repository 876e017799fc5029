namespace Assistant.Core.Source.Syntax;

/// <summary>One name of an import statement: <c>Name as Alias</c>. <see cref="BoundName"/> is what the module sees.</summary>
public sealed record ImportedName(string Name, string? Alias, SyntaxNode Node)
{
    /// <summary>The local name the import binds: the alias, or for <c>import a.b</c> the first part <c>a</c>.</summary>
    public string BoundName => Alias ?? (Node.Parent?.Is("Import") == true && Name.IndexOf('.') is var dot and >= 0 ? Name[..dot] : Name);
}
