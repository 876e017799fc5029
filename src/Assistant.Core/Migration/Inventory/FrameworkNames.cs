namespace Assistant.Core.Migration.Inventory;

public static class FrameworkNames
{
    public static string Of(Framework framework) => framework switch
    {
        Framework.Flyte1 => "flyte1",
        Framework.Flyte2 => "flyte2",
        Framework.Prefect1 => "prefect1",
        Framework.Prefect2Or3 => "prefect2+",
        _ => "none",
    };

    public static bool IsSource(Framework framework) => framework is Framework.Flyte1 or Framework.Prefect1;

    public static bool IsMigrated(Framework framework) => framework is Framework.Flyte2 or Framework.Prefect2Or3;
}
