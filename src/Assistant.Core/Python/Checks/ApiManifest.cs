namespace Assistant.Core.Python.Checks;

/// <summary>
/// An API manifest (<c>flyte.json</c>, <c>prefect3.json</c>, …) a stand-in package is generated from, and the
/// side it serves. New-side frameworks use a real installed package instead when its major version matches.
/// </summary>
public sealed record ApiManifest
{
    public ApiManifest(string path, CheckSide side)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"API manifest not found: {path}", path);
        }

        Path = System.IO.Path.GetFullPath(path);
        Side = side;
    }

    public string Path { get; }

    public CheckSide Side { get; }

    /// <summary><c>&lt;directory&gt;/&lt;framework&gt;.json</c>, e.g. <c>For(dir, "flyte", CheckSide.New)</c>.</summary>
    public static ApiManifest For(string directory, string framework, CheckSide side) =>
        new(System.IO.Path.Combine(directory, framework + ".json"), side);

    internal Dictionary<string, object?> ToRequest() => new()
    {
        ["manifest"] = Path,
        ["side"] = Side == CheckSide.Old ? "old" : "new",
    };
}
