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
}
