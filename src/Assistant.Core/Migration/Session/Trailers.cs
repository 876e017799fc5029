namespace Assistant.Core.Migration.Session;

/// <summary>The commit trailers that make a flow branch self-describing (so status needs no local state).</summary>
public static class Trailers
{
    public const string Flow = "Flowmigrate-Flow";
    public const string Step = "Flowmigrate-Step";
    public const string Ruleset = "Flowmigrate-Ruleset";

    /// <summary>A step decided as skipped before this commit: <c>step-id</c>.</summary>
    public const string SkippedStep = "Flowmigrate-Skipped-Step";

    /// <summary>A later step with nothing to change after this commit (so <c>status</c> numbers steps as the wizard does).</summary>
    public const string EmptyStep = "Flowmigrate-Empty-Step";

    /// <summary>A change turned off in this step: <c>RULE@file:anchor</c>.</summary>
    public const string Skipped = "Flowmigrate-Skipped";

    /// <summary>A rule accepted for every flow (the wizard's <c>R</c>) whose changes this commit applies.</summary>
    public const string AcceptedRule = "Flowmigrate-Accepted-Rule";

    /// <summary>A file of this step edited by hand after conversion.</summary>
    public const string Edited = "Flowmigrate-Edited";

    /// <summary><c>true</c> on the commit after which no step has anything left to change.</summary>
    public const string Complete = "Flowmigrate-Complete";

    /// <summary>The import check's verdict for this commit (<c>passed</c>, <c>failed</c>, <c>skipped</c>).</summary>
    public const string Check = "Flowmigrate-Check";
}
