namespace Assistant.Core.Migration.Session;

/// <summary>
/// Where converted files go: in side-by-side mode under the parallel tree (<c>flows_v2/pkg/mod.py</c>),
/// in place otherwise. Rules always see the original repo-relative paths, so imports resolve.
/// </summary>
internal sealed record TreeLayout(string Mode, string ParallelTree)
{
    public bool IsSideBySide => Mode != "in-place";

    public string OutputPath(string path) => IsSideBySide ? $"{ParallelTree}/{path}" : path;
}
