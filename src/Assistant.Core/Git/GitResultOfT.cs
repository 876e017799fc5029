using System.Diagnostics.CodeAnalysis;

namespace Assistant.Core.Git;

/// <summary>The outcome of a git operation: a value, or a <see cref="GitError"/>.</summary>
internal sealed class GitResult<T>
{
    private readonly T? _value;

    private GitResult(T? value, GitError? error)
    {
        _value = value;
        Error = error;
    }

    public GitError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; reading it from a failure is a programming error and throws.</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"No value: the git operation failed ({Error}).");

    public static GitResult<T> Success(T value) => new(value, null);

    public static GitResult<T> Failure(GitError error) => new(default, error);

    public static implicit operator GitResult<T>(T value) => Success(value);

    public static implicit operator GitResult<T>(GitError error) => Failure(error);

    public GitResult<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsSuccess ? GitResult<TOut>.Success(map(Value)) : GitResult<TOut>.Failure(Error);

    public override string ToString() => IsSuccess ? $"success: {Value}" : Error.ToString();
}
