namespace Assistant.Core.Git;

/// <summary>Where HEAD points: a branch (possibly unborn, without commits) or a detached commit.</summary>
internal sealed record HeadInfo(string? Branch, ObjectId? Commit)
{
    public bool IsDetached => Branch is null;

    public bool IsUnborn => Commit is null;
}
