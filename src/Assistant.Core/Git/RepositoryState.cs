namespace Assistant.Core.Git;

/// <summary>
/// Operations left in progress in a work tree, read from the marker files git keeps in its
/// per-worktree git dir (the same files <c>git status</c> reads).
/// </summary>
internal sealed record RepositoryState(bool Merging, bool Rebasing, bool ApplyingPatches, bool CherryPicking, bool Reverting, bool Bisecting)
{
    public bool IsIdle => !(Merging || Rebasing || ApplyingPatches || CherryPicking || Reverting || Bisecting);

    public static RepositoryState Detect(string gitDir)
    {
        bool File(string name) => System.IO.File.Exists(Path.Combine(gitDir, name));
        bool Directory(string name) => System.IO.Directory.Exists(Path.Combine(gitDir, name));

        var applying = File(Path.Combine("rebase-apply", "applying"));
        var sequencerAction = SequencerAction(gitDir);
        return new RepositoryState(
            Merging: File("MERGE_HEAD"),
            Rebasing: Directory("rebase-merge") || (Directory("rebase-apply") && !applying),
            ApplyingPatches: applying,
            CherryPicking: File("CHERRY_PICK_HEAD") || sequencerAction == "pick",
            Reverting: File("REVERT_HEAD") || sequencerAction == "revert",
            Bisecting: File("BISECT_LOG"));
    }

    /// <summary>"merge in progress, rebase in progress", or "idle".</summary>
    public string Describe()
    {
        var names = new (bool Active, string Name)[]
        {
            (Merging, "merge"), (Rebasing, "rebase"), (ApplyingPatches, "am"),
            (CherryPicking, "cherry-pick"), (Reverting, "revert"), (Bisecting, "bisect"),
        };
        var active = names.Where(n => n.Active).Select(n => $"{n.Name} in progress").ToList();
        return active.Count == 0 ? "idle" : string.Join(", ", active);
    }

    // A multi-commit cherry-pick or revert keeps its plan in sequencer/todo even between conflicts.
    private static string? SequencerAction(string gitDir)
    {
        var todo = Path.Combine(gitDir, "sequencer", "todo");
        if (!System.IO.File.Exists(todo))
        {
            return null;
        }

        var firstLine = System.IO.File.ReadLines(todo).FirstOrDefault(line => line.Trim().Length > 0) ?? "";
        return firstLine.Split(' ', 2)[0] switch
        {
            "p" or "pick" => "pick",
            "revert" => "revert",
            _ => null,
        };
    }
}
