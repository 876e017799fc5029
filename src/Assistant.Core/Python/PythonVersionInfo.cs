namespace Assistant.Core.Python;

/// <summary>What the worker's interpreter reported in its handshake.</summary>
public sealed record PythonVersionInfo(Version Version, string Implementation, string Executable)
{
    public static readonly Version Minimum = new(3, 9);

    public override string ToString() => $"{Implementation} {Version} ({Executable})";
}
