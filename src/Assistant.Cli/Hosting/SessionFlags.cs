namespace Assistant.Cli.Hosting;

/// <summary>The per-run overrides of <c>.flowmigrate/config.yaml</c> the session verbs accept.</summary>
internal sealed record SessionFlags(string? Base, string? Target, string? Mode, bool AcceptReview, bool ImportCheck = true, bool Rewrite = false)
{
    /// <summary><c>--submodules</c>: also scan submodules (otherwise <c>submodules</c> in config.yaml decides).</summary>
    public bool Submodules { get; init; }
}
