namespace Assistant.Core.Rules;

/// <summary>A whole file a fix creates or replaces, by repo-relative path. Two fixes that generate
/// the same path must generate the same text (so branches that both need it merge cleanly).</summary>
public sealed record GeneratedFile(string Path, string Text);
