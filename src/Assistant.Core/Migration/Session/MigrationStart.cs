namespace Assistant.Core.Migration.Session;

/// <summary>
/// The commit the migration started from: the parent of the oldest flowmigrate commit (one with a
/// <c>Flowmigrate-Flow</c> trailer) on a <c>flowmigrate/*</c> branch or in the base's history, or the commit a
/// branch flowmigrate created (with no commit yet) started at. <see cref="Via"/> says which commit it was found from.
/// </summary>
public sealed record MigrationStart(string Commit, DateTimeOffset Date, string Via);
