namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>A <see cref="Rules.Fix"/> in transfer.</summary>
internal sealed record TransferredFix(List<TransferredEdit> Edits, Safety Safety, string Description)
{
    public List<GeneratedFile> Files { get; init; } = [];
}
