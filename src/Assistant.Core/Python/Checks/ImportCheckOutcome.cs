namespace Assistant.Core.Python.Checks;

/// <summary>How an import check ended.</summary>
public enum ImportCheckOutcome
{
    /// <summary>Every module imported.</summary>
    Passed,

    /// <summary>A module raised (including <c>SystemExit</c> and syntax errors); see the errors.</summary>
    Failed,

    /// <summary>The code did not finish within the time limit and was stopped.</summary>
    TimedOut,

    /// <summary>The interpreter was killed by a signal (e.g. a segmentation fault in an extension).</summary>
    Crashed,

    /// <summary>The process ended (e.g. <c>os._exit</c>) before reporting.</summary>
    Exited,
}
