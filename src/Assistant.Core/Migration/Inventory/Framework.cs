namespace Assistant.Core.Migration.Inventory;

/// <summary>What a file is written against. Wire names (JSON, CLI) are in <see cref="FrameworkNames"/>.</summary>
public enum Framework
{
    None,
    Flyte1,
    Flyte2,
    Prefect1,
    Prefect2Or3,
}
