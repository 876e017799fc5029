using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Fixtures;

/// <summary>Maps a fixture's <c>options.yaml</c> keys onto <see cref="RuleOptions"/>; unknown keys go to <see cref="RuleOptions.Settings"/>.</summary>
internal static class FixtureOptions
{
    public static RuleOptions Apply(RuleOptions options, IReadOnlyDictionary<string, string> values)
    {
        var settings = new Dictionary<string, string>(options.Settings, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            options = key switch
            {
                "target" => options with { Target = value },
                "driver" => options with { DriverStyle = value },
                "schedules_inactive" => options with { SchedulesInactive = bool.Parse(value) },
                "default_image" => options with { DefaultImage = value },
                _ => options,
            };
            if (key is not ("target" or "driver" or "schedules_inactive" or "default_image"))
            {
                settings[key] = value;
            }
        }

        return options with { Settings = settings };
    }
}
