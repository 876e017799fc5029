namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// The outcome of compiling a set of user rule files: the assembly of the files that compiled (null when none
/// did), the errors of the others, and which file declares each type (to name the file when a rule misbehaves).
/// </summary>
public sealed record CompiledUserRules(string? AssemblyPath, IReadOnlyList<UserRuleDiagnostic> Errors, IReadOnlyDictionary<string, string> TypeFiles)
{
    /// <summary>True when the compiled assembly came from the cache (the compiler was not invoked).</summary>
    public bool FromCache { get; init; }

    /// <summary>Time to compile, or to find the cached result.</summary>
    public TimeSpan Elapsed { get; init; }
}
