namespace Assistant.Core.Migration.Session;

/// <summary>The commit accepting a step will make: branch, subject, body and trailers (key, value).</summary>
public sealed record CommitPreview(string Branch, string Subject, string Body, IReadOnlyList<KeyValuePair<string, string>> Trailers);
