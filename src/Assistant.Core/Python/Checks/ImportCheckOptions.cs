namespace Assistant.Core.Python.Checks;

/// <summary>What an import check runs against.</summary>
public sealed record ImportCheckOptions
{
    /// <summary>The worktree (or converted folder) root: first on <c>sys.path</c>; paths are relative to it.</summary>
    public required string Root { get; init; }

    /// <summary>The manifests of the frameworks the checked code imports (new side: the target framework).</summary>
    public required IReadOnlyList<ApiManifest> Manifests { get; init; }

    /// <summary>Where generated stand-in trees are kept (keyed by manifest content hash).</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Limit for the user code; past it the child is stopped and the result is <see cref="ImportCheckOutcome.TimedOut"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When true, a third-party module that is not installed fails the check instead of warning.</summary>
    public bool Strict { get; init; }

    /// <summary>Extra source roots relative to <see cref="Root"/> (src/ and pyproject.toml package dirs are found automatically).</summary>
    public IReadOnlyList<string> SourceRoots { get; init; } = [];

    public CheckIsolation Isolation { get; init; } = CheckIsolation.Fork;
}
