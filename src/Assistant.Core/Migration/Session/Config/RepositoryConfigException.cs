namespace Assistant.Core.Migration.Session.Config;

/// <summary><c>.flowmigrate/config.yaml</c> is invalid: <c>file:line: key: problem</c>.</summary>
public sealed class RepositoryConfigException(string file, int line, string key, string problem)
    : Exception($"{file}:{line}: {key}: {problem}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public string Key { get; } = key;
}
