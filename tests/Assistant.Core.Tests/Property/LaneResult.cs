namespace Assistant.Core.Tests.Property;

/// <summary>What one lane of the property test saw.</summary>
internal sealed class LaneResult
{
    public int Generated { get; set; }

    public int Rejected { get; set; }

    public int LostComments { get; set; }

    public List<(int Index, string Text)> Failures { get; } = [];
}
