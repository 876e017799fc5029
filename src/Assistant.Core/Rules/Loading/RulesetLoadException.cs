namespace Assistant.Core.Rules.Loading;

/// <summary>A ruleset file is invalid: <c>file:line: field: problem</c>.</summary>
public sealed class RulesetLoadException(string file, int line, string field, string problem)
    : Exception($"{file}:{line}: {field}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Field { get; } = field;
}
