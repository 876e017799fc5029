using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// The API manifests a ruleset ships for the checks (<c>rulesets/&lt;id&gt;/api/*.json</c>), and the Prefect deployment
/// files of a converted tree the behaviour check reads schedules from. Shared by the session's check and <c>convert --check</c>.
/// </summary>
internal static class RulesetManifests
{
    /// <summary>The old framework's manifest: <c>flytekit.json</c> or <c>prefect1.json</c>.</summary>
    public static ApiManifest? Source(Ruleset ruleset)
    {
        var path = Path.Combine(ruleset.Directory, "api", (ruleset.Id.StartsWith("flyte", StringComparison.Ordinal) ? "flytekit" : "prefect1") + ".json");
        return File.Exists(path) ? new ApiManifest(path, CheckSide.Old) : null;
    }

    /// <summary>The target's manifest: flyte1-to-flyte2 → <c>flyte.json</c>, prefect1-to-prefect3 → <c>prefect3.json</c>.</summary>
    public static ApiManifest? Target(Ruleset ruleset)
    {
        var target = RulesetOptions.For(ruleset).Target;
        var path = Path.Combine(ruleset.Directory, "api", (target == "flyte2" ? "flyte" : target) + ".json");
        return File.Exists(path) ? new ApiManifest(path, CheckSide.New) : null;
    }

    /// <summary>
    /// The old framework's packages that converted code may still import for a TODO, which then load with placeholders:
    /// flytekit and flytekitplugins (the target is flyte); for Prefect, which 1 and 2/3 share, <c>prefect.*</c> — the
    /// submodules the target's stand-in does not have (the 1.x task library, <c>prefect.engine.signals</c>, ...).
    /// </summary>
    public static IReadOnlyList<string> LeftoverPackages(Ruleset ruleset) =>
        ruleset.Id.StartsWith("flyte", StringComparison.Ordinal) ? ["flytekit", "flytekitplugins"] : ["prefect.*"];

    /// <summary>
    /// The Prefect deployment files of the converted tree (<c>prefect.yaml</c> and <c>deployments/*.prefect.yaml</c>,
    /// relative to <paramref name="root"/>): schedules and their parameter defaults move there, so the behaviour check
    /// reads them instead of reporting the schedules as dropped.
    /// </summary>
    public static IReadOnlyList<string> DeploymentFiles(string root)
    {
        var files = new List<string>();
        if (File.Exists(Path.Combine(root, "prefect.yaml")))
        {
            files.Add("prefect.yaml");
        }

        var folder = Path.Combine(root, "deployments");
        if (Directory.Exists(folder))
        {
            files.AddRange(Directory.EnumerateFiles(folder, "*.prefect.yaml").Select(f => "deployments/" + Path.GetFileName(f)).Order(StringComparer.Ordinal));
        }

        return files;
    }
}
