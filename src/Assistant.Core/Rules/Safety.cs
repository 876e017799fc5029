namespace Assistant.Core.Rules;

/// <summary>How much trust a fix needs before it is applied.</summary>
public enum Safety
{
    /// <summary>Behaviour-preserving; may be accepted in bulk ("accept all safe").</summary>
    Safe,

    /// <summary>Correct in the common case but worth a look; needs a keypress or <c>--yes</c>.</summary>
    Review,

    /// <summary>Cannot be converted automatically: only a TODO comment and a finding.</summary>
    Manual,
}
