namespace Assistant.Core.Source.Syntax;

/// <summary>A literal: <see cref="ValueType"/> is <c>str</c>, <c>int</c>, <c>float</c>, <c>bool</c>, <c>none</c>,
/// <c>bytes</c>, <c>complex</c> or <c>ellipsis</c>; <see cref="Value"/> is the string itself for <c>str</c>
/// and Python's <c>repr</c> otherwise.</summary>
public sealed class ConstantSyntax(SyntaxNode node)
{
    public SyntaxNode Node { get; } = node.Is("Constant") ? node : throw new ArgumentException($"Not a Constant: {node.Kind}");

    public string ValueType => Node.Scalar("vt")!;

    public string? Value => Node.Scalar("v");

    public bool IsString => ValueType == "str";

    public static ConstantSyntax? From(SyntaxNode? node) => node is not null && node.Is("Constant") ? new ConstantSyntax(node) : null;

    /// <summary>The string value when <paramref name="node"/> is a string literal.</summary>
    public static string? StringValue(SyntaxNode? node) => From(node) is { IsString: true } constant ? constant.Value : null;
}
