namespace Assistant.Core.Migration.Planning;

/// <summary>
/// When a conversion proves with the user's Python that the texts it built on in-process trees parse
/// (<see cref="Python.ModuleParser.ParsedInProcess"/>): the in-process parser reproduces CPython 3.11, but only the
/// user's interpreter is proof.
/// </summary>
public enum ConfirmationPoint
{
    /// <summary>Every step's changed texts, before the next step builds on them: what a user reviewing each step's diff sees parses.</summary>
    EachStep,

    /// <summary>Only the last step's texts: a batch conversion shows no step in between. They are sent as the last step finishes
    /// each module (<see cref="SyntaxConfirmations"/>). If one of them does not parse, the whole conversion runs again
    /// confirming each step, so its result is the one <see cref="EachStep"/> gives.</summary>
    End,
}
