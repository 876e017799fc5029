namespace Assistant.Cli.Tests.Reporting;

/// <summary>A fact that needs chromium: skipped, with the reason, when it is missing and cannot be installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
