namespace Assistant.Core.Source.Syntax;

/// <summary>Every position moved by the same <see cref="Delta"/>: text that moved as a whole.</summary>
internal readonly struct PositionShift(int delta) : IPositionMap
{
    public int Delta { get; } = delta;

    public int Map(int position) => position + Delta;
}
