namespace Assistant.Core.Migration.Inventory;

/// <summary>Where a task (or a task class) is defined: its qualified name, file and line.</summary>
internal sealed record TaskDefinition(string Qualified, string Name, string File, int Line, bool IsClass = false);
