namespace Assistant.Core.Source;

/// <summary>
/// A range of a module's text, in UTF-16 code units of the C# string: <see cref="Start"/> is the
/// first unit, <see cref="End"/> is one past the last. Positions from CPython (UTF-8 bytes) are
/// converted once, at the worker boundary; everything in C# speaks this unit.
/// </summary>
public readonly record struct TextSpan : IComparable<TextSpan>
{
    public TextSpan(int start, int end)
    {
        if (start < 0 || end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), $"Invalid span [{start}, {end}).");
        }

        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }

    public int Length => End - Start;

    public bool IsEmpty => Start == End;

    public static TextSpan FromLength(int start, int length) => new(start, start + length);

    public bool Contains(TextSpan other) => other.Start >= Start && other.End <= End;

    public bool Contains(int position) => position >= Start && position < End;

    /// <summary>True when the spans share at least one unit.</summary>
    public bool IntersectsWith(TextSpan other) => Start < other.End && other.Start < End;

    public TextSpan Union(TextSpan other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public int CompareTo(TextSpan other) => Start != other.Start ? Start.CompareTo(other.Start) : End.CompareTo(other.End);

    public override string ToString() => $"[{Start}..{End})";
}
