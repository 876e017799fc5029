namespace Assistant.Core.Source;

/// <summary>A <c>#</c> comment found by Python's tokenizer; <see cref="Text"/> includes the hash.</summary>
public sealed record Comment(TextSpan Span, string Text);
