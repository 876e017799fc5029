namespace Assistant.Core.Migration.Fixtures;

/// <summary>
/// One input/expected pair. <see cref="Scope"/> is a rule id (only that rule runs) or
/// <c>pipeline</c> (every step of the ruleset runs). Single-file fixtures are <c>name.py</c> +
/// <c>name.expected.py</c>; multi-file ones are <c>name/input/…</c> + <c>name/expected/…</c>.
/// Optional <c>name.options.yaml</c> / <c>name/options.yaml</c> sets rule options.
/// </summary>
public sealed record Fixture(string Scope, string Name, string Directory, IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string?> Expected, IReadOnlyDictionary<string, string> Options)
{
    /// <summary>Where a mismatching output is written (<c>*.received.*</c>, git-ignored) for review.</summary>
    public string ReceivedPath(string path, bool singleFile) =>
        singleFile ? Path.Combine(Directory, Name + ".received.py") : Path.Combine(Directory, Name, "received", path);

    public bool IsSingleFile => Inputs.Count == 1 && Inputs.ContainsKey(Name + ".py");

    public override string ToString() => $"{Scope}/{Name}";
}
