namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Thrown inside the in-process parser when the text is not valid Python or uses something it does not reproduce
/// exactly; <see cref="InProcessParser"/> turns it into "ask the worker".
/// </summary>
internal sealed class UnsupportedSourceException(string reason) : Exception(reason);
