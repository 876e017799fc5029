namespace Assistant.Core.Git;

/// <summary>What went wrong when talking to git, coarse enough for a caller to branch on.</summary>
internal enum GitErrorKind
{
    GitNotFound,
    GitVersionTooOld,
    DirectoryNotFound,
    NotARepository,
    NotInWorkTree,
    BareRepository,
    UnsafeRepository,
    RepositoryLocked,
    NoCommits,
    RefNotFound,
    RefAlreadyExists,
    PathNotFound,
    InvalidRefName,
    InvalidArgument,
    BranchCheckedOut,
    WorktreePathInUse,
    WorktreeNotFound,
    WorktreeDirty,
    NothingToCommit,
    HookFailed,
    SigningFailed,
    IdentityMissing,
    UnexpectedOutput,
    CommandFailed,
}
