namespace Assistant.Core.Git;

/// <summary>Parses <c>git worktree list --porcelain -z</c>: NUL-terminated lines, an empty line after each worktree.</summary>
internal static class WorktreeListParser
{
    public static IReadOnlyList<WorktreeInfo> Parse(byte[] output)
    {
        var worktrees = new List<WorktreeInfo>();
        WorktreeInfo? current = null;
        foreach (var line in NulSeparated.Fields(output))
        {
            if (line.Length == 0)
            {
                AddIfAny(worktrees, ref current);
                continue;
            }

            var (key, value) = Split(line);
            if (key == "worktree")
            {
                AddIfAny(worktrees, ref current);
                current = new WorktreeInfo(value ?? "");
                continue;
            }

            current = Apply(current ?? throw new FormatException($"Unexpected line in git worktree list output: '{line}'"), key, value);
        }

        AddIfAny(worktrees, ref current);
        return worktrees;
    }

    private static WorktreeInfo Apply(WorktreeInfo worktree, string key, string? value) => key switch
    {
        "HEAD" => worktree with { Head = ObjectId.TryParse(value ?? "", out var id) && id!.Value.Any(c => c != '0') ? id : null },
        "branch" => worktree with { Branch = value },
        "bare" => worktree with { IsBare = true },
        "detached" => worktree with { IsDetached = true },
        "locked" => worktree with { IsLocked = true, LockReason = value },
        "prunable" => worktree with { IsPrunable = true, PrunableReason = value },
        _ => worktree, // Newer git may add attributes; ignoring them keeps older callers working.
    };

    private static (string Key, string? Value) Split(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line, null) : (line[..space], line[(space + 1)..]);
    }

    private static void AddIfAny(List<WorktreeInfo> worktrees, ref WorktreeInfo? current)
    {
        if (current is not null)
        {
            worktrees.Add(current);
            current = null;
        }
    }
}
