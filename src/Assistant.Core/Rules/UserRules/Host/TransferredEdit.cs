namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A <see cref="Source.TextEdit"/> in transfer.</summary>
internal sealed record TransferredEdit(int Start, int End, string NewText);
