namespace Assistant.Core.Python;

/// <summary>The interpreter flowmigrate runs the user's code with, and why it was chosen.</summary>
public sealed record PythonInterpreter(string Path, string ChosenBecause);
