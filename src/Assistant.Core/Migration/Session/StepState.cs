namespace Assistant.Core.Migration.Session;

/// <summary>A wizard step's state: committed (✓), current (→), skipped (–), empty (·: nothing to change), pending.</summary>
public enum StepState
{
    Pending,
    Current,
    Committed,
    Skipped,
    Empty,
}
