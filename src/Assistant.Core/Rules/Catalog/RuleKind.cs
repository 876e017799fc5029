namespace Assistant.Core.Rules.Catalog;

/// <summary>What a rule reads: Python modules (<see cref="IRule"/>) or other project files (<see cref="IFileRule"/>).</summary>
public enum RuleKind
{
    Module,
    File,
}
