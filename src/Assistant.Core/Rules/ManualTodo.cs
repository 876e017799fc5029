namespace Assistant.Core.Rules;

/// <summary>
/// Something a person must finish: written into the output as
/// <c># TODO(flowmigrate RULEID): Text</c> on the line above the construct, and listed by the TUI,
/// <c>status</c> and reports. <see cref="Reference"/> points at the doc section that explains it.
/// </summary>
public sealed record ManualTodo(string Text, string Reference);
