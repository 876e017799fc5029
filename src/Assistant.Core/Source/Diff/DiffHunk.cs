namespace Assistant.Core.Source.Diff;

/// <summary>A run of changed lines with context, as in a unified diff's <c>@@ -a,b +c,d @@</c> block.</summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines)
{
    public string Header => $"@@ -{Range(OldStart, OldCount)} +{Range(NewStart, NewCount)} @@";

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{(count == 0 ? start - 1 : start)},{count}";
}
