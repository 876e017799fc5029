using System.Diagnostics.CodeAnalysis;

namespace Assistant.Core.Git;

/// <summary>The outcome of a git operation that yields no value: success, or a <see cref="GitError"/>.</summary>
internal sealed class GitResult
{
    public static readonly GitResult Success = new(null);

    private GitResult(GitError? error) => Error = error;

    public GitError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static GitResult Failure(GitError error) => new(error);

    public static implicit operator GitResult(GitError error) => Failure(error);

    public override string ToString() => Error?.ToString() ?? "success";
}
