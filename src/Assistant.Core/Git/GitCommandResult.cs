using System.Text;

namespace Assistant.Core.Git;

/// <summary>What one git process produced. A non-zero exit code is data here, not an error.</summary>
internal sealed class GitCommandResult(int exitCode, byte[] standardOutputBytes, string standardError)
{
    public int ExitCode { get; } = exitCode;

    public byte[] StandardOutputBytes { get; } = standardOutputBytes;

    public string StandardError { get; } = standardError;

    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    /// <summary>stdout with trailing line breaks removed: the usual shape of a one-value answer.</summary>
    public string Line => StandardOutput.TrimEnd('\n', '\r');

    /// <summary>stderr then stdout, trimmed: git and its hooks print to either.</summary>
    public string CombinedOutput =>
        string.Join('\n', new[] { StandardError.Trim(), StandardOutput.Trim() }.Where(s => s.Length > 0));
}
