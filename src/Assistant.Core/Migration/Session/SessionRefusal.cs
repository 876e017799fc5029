namespace Assistant.Core.Migration.Session;

public enum SessionRefusal
{
    NotARepository,
    NoCommits,
    OperationInProgress,
    DetachedHead,
    ForeignBranch,
    WorktreePathInUse,
    UnknownFlow,
    InvalidConfig,
    GitFailed,
    Locked,

    /// <summary>The base changed the flow's files since its branch was made: re-planning rewrites the branch, which needs the user's consent.</summary>
    RewriteNeeded,

    /// <summary>A rewrite was consented to, but the branch holds hand edits that cannot be replayed on the new base.</summary>
    CannotReplay,

    /// <summary>The Prefect target cannot change while Prefect flows are in progress on the current one.</summary>
    TargetChangeBlocked,

    /// <summary>The flow lives in a submodule (scanned with <c>--submodules</c>): it migrates in its own repository, never from here.</summary>
    InSubmodule,
}
