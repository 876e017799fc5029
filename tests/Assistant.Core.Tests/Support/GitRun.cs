namespace Assistant.Core.Tests.Support;

/// <summary>What a git command run by a test helper printed.</summary>
public sealed record GitRun(int ExitCode, string StandardOutput, string StandardError);
