namespace Assistant.Core.Python.Checks;

/// <summary>How user code is isolated from the warm worker.</summary>
public enum CheckIsolation
{
    /// <summary>A forked child of the warm worker (fast); a fresh interpreter where fork is unavailable.</summary>
    Fork,

    /// <summary>Always a fresh interpreter (slower; for code that cannot run in a forked child).</summary>
    FreshProcess,
}
