using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>A temporary converted tree for one test, and the shared places the checks need.</summary>
internal sealed class CheckWorkspace : IDisposable
{
    public CheckWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "flowmigrate-checks-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>
    /// An API manifest as the product ships it (<c>rulesets/&lt;id&gt;/api/&lt;framework&gt;.json</c>; the rulesets'
    /// data tests prove these copies identical to ../shared/reference/api), so the checks' tests need no ../shared.
    /// </summary>
    public static string ManifestPath(string framework) => Path.Combine(RepositoryLayout.Rulesets, framework switch
    {
        "flyte" or "flytekit" => "flyte1-to-flyte2",
        "prefect2" => "prefect1-to-prefect2",
        _ => "prefect1-to-prefect3",
    }, "api", framework + ".json");

    /// <summary>Stand-in trees are keyed by manifest hash, so every test can share one cache.</summary>
    public static string StandInCache { get; } = Path.Combine(Path.GetTempPath(), "flowmigrate-tests-standins");

    public static ApiManifest Manifest(string framework, CheckSide side = CheckSide.New) => new(ManifestPath(framework), side);

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return relativePath;
    }

    public ImportCheckOptions Options(string framework, TimeSpan? timeout = null, bool strict = false) => new()
    {
        Root = Root,
        Manifests = [Manifest(framework)],
        CacheDirectory = StandInCache,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        Strict = strict,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp dir is harmless.
        }
    }
}
