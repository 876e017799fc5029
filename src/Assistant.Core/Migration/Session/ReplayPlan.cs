namespace Assistant.Core.Migration.Session;

/// <summary>The decisions of a flow branch rewritten onto a new base, to replay there: the steps it had
/// committed, the steps it had skipped, and the changes turned off (<c>RULE@file:anchor</c>).</summary>
internal sealed record ReplayPlan(IReadOnlySet<string> CommittedSteps, IReadOnlyList<string> SkippedSteps, IReadOnlyList<string> DisabledChanges, string ReplacedRef);
