namespace Assistant.Core.Source.Diff;

/// <summary>
/// Line diff (Myers' O(ND) algorithm) between two texts. Lines are compared with their
/// terminators, so a CRLF → LF change is a change. Past <see cref="MaxEditDistance"/> the
/// differing middle is reported as one replaced block instead of searching further.
/// </summary>
public static class TextDiffer
{
    public const int MaxEditDistance = 4000;

    public static TextDiff Compute(string oldText, string newText, int context = 3)
    {
        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var script = EditScript(oldLines, newLines);
        return new TextDiff(Hunks(script, oldLines, newLines, context));
    }

    /// <summary>Splits after each "\r\n", "\r" or "\n", keeping the terminators.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }

    // One entry per line of the merged sequence: (kind, old index, new index).
    private static List<(DiffLineKind Kind, int Old, int New)> EditScript(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var script = new List<(DiffLineKind, int, int)>(a.Count + b.Count);
        for (var i = 0; i < prefix; i++)
        {
            script.Add((DiffLineKind.Context, i, i));
        }

        script.AddRange(Middle(a, b, prefix, a.Count - suffix, prefix, b.Count - suffix));
        for (var i = 0; i < suffix; i++)
        {
            script.Add((DiffLineKind.Context, a.Count - suffix + i, b.Count - suffix + i));
        }

        return script;
    }

    private static IEnumerable<(DiffLineKind, int, int)> Middle(IReadOnlyList<string> a, IReadOnlyList<string> b, int aStart, int aEnd, int bStart, int bEnd)
    {
        var n = aEnd - aStart;
        var m = bEnd - bStart;
        var (lineA, lineB) = Numbered(a, aStart, n, b, bStart, m);
        var max = n + m;
        var offset = max + 1;
        var v = new int[(2 * max) + 3];
        // Round d reads and writes diagonals -d..d only: it keeps, for the way back, what it found on -d-1..d+1 before it began.
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= Math.Min(max, MaxEditDistance) && !found; d++)
        {
            trace.Add(v.AsSpan(offset - d - 1, (2 * d) + 3).ToArray());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && lineA[x] == lineB[y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }

        if (!found)
        {
            return Enumerable.Range(0, n).Select(i => (DiffLineKind.Removed, aStart + i, -1))
                .Concat(Enumerable.Range(0, m).Select(j => (DiffLineKind.Added, -1, bStart + j)));
        }

        return Backtrack(trace, n, m, aStart, bStart);
    }

    // The lines of both ranges as numbers, equal exactly when the lines are (ordinal, terminators included).
    private static (int[] A, int[] B) Numbered(IReadOnlyList<string> a, int aStart, int n, IReadOnlyList<string> b, int bStart, int m)
    {
        var numbers = new Dictionary<string, int>(n + m, StringComparer.Ordinal);
        var lineA = new int[n];
        for (var i = 0; i < n; i++)
        {
            lineA[i] = Number(numbers, a[aStart + i]);
        }

        var lineB = new int[m];
        for (var j = 0; j < m; j++)
        {
            lineB[j] = Number(numbers, b[bStart + j]);
        }

        return (lineA, lineB);
    }

    private static int Number(Dictionary<string, int> numbers, string line)
    {
        ref var number = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(numbers, line, out var exists);
        if (!exists)
        {
            number = numbers.Count;
        }

        return number;
    }

    // trace[d] holds diagonals -d-1..d+1 as round d found them: diagonal k at index k + d + 1.
    private static IEnumerable<(DiffLineKind, int, int)> Backtrack(List<int[]> trace, int n, int m, int aStart, int bStart)
    {
        var result = new List<(DiffLineKind, int, int)>();
        var x = n;
        var y = m;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var prevK = k == -d || (k != d && v[k - 1 + d + 1] < v[k + 1 + d + 1]) ? k + 1 : k - 1;
            var prevX = d == 0 ? 0 : v[prevK + d + 1];
            var prevY = prevX - prevK;
            while (x > prevX && y > prevY)
            {
                x--;
                y--;
                result.Add((DiffLineKind.Context, aStart + x, bStart + y));
            }

            if (d > 0)
            {
                if (x == prevX)
                {
                    result.Add((DiffLineKind.Added, -1, bStart + prevY));
                }
                else
                {
                    result.Add((DiffLineKind.Removed, aStart + prevX, -1));
                }
            }

            x = prevX;
            y = prevY;
        }

        result.Reverse();
        return result;
    }

    private static List<DiffHunk> Hunks(List<(DiffLineKind Kind, int Old, int New)> script, IReadOnlyList<string> a, IReadOnlyList<string> b, int context)
    {
        var hunks = new List<DiffHunk>();
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == DiffLineKind.Context)
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - context);
            var end = i;
            while (end < script.Count)
            {
                if (script[end].Kind != DiffLineKind.Context)
                {
                    end++;
                    continue;
                }

                var run = end;
                while (run < script.Count && script[run].Kind == DiffLineKind.Context)
                {
                    run++;
                }

                if (run == script.Count || run - end > 2 * context)
                {
                    end = Math.Min(script.Count, end + context);
                    break;
                }

                end = run;
            }

            hunks.Add(Hunk(script, start, end, a, b));
            i = end;
        }

        return hunks;
    }

    private static DiffHunk Hunk(List<(DiffLineKind Kind, int Old, int New)> script, int start, int end, IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var lines = new List<DiffLine>();
        int? oldStart = null;
        int? newStart = null;
        int oldCount = 0, newCount = 0;
        int oldCursor = 0, newCursor = 0;
        for (var j = 0; j < start; j++)
        {
            if (script[j].Kind != DiffLineKind.Added)
            {
                oldCursor++;
            }

            if (script[j].Kind != DiffLineKind.Removed)
            {
                newCursor++;
            }
        }

        for (var j = start; j < end; j++)
        {
            var (kind, o, n) = script[j];
            var raw = kind == DiffLineKind.Added ? b[n] : a[o];
            var text = raw.TrimEnd('\r', '\n');
            var hasNewLine = text.Length != raw.Length;
            int? oldNumber = kind == DiffLineKind.Added ? null : o + 1;
            int? newNumber = kind == DiffLineKind.Removed ? null : n + 1;
            if (oldNumber is not null)
            {
                oldStart ??= oldNumber;
                oldCount++;
            }

            if (newNumber is not null)
            {
                newStart ??= newNumber;
                newCount++;
            }

            lines.Add(new DiffLine(kind, text, oldNumber, newNumber, hasNewLine));
        }

        return new DiffHunk(oldStart ?? oldCursor + 1, oldCount, newStart ?? newCursor + 1, newCount, lines);
    }
}
