namespace Assistant.Core.Rules;

/// <summary>One step of a ruleset's wizard, in the order the manifest gives.</summary>
public sealed record MigrationStep(string Id, string Title, string Description);
