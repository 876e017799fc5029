namespace Assistant.Core.Source;

/// <summary>Two edits of one <see cref="EditSet"/> touch the same text; applying both is ambiguous.</summary>
public sealed class OverlappingEditsException(TextEdit first, TextEdit second)
    : InvalidOperationException($"Edits overlap: {first} and {second}.")
{
    public TextEdit First { get; } = first;

    public TextEdit Second { get; } = second;
}
