using System.Text;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// The cheap test that decides whether a file is worth parsing: its bytes mention one of the
/// needles (framework package names, project <c>Flow</c> subclass names). Needles are ASCII, so
/// a byte search is exact for UTF-8 and for every ASCII-compatible PEP 263 encoding.
/// </summary>
internal sealed class CandidateFilter(IEnumerable<string> needles)
{
    public static readonly string[] FrameworkNeedles = ["flyte", "prefect"];

    private readonly byte[][] _needles = needles.Select(Encoding.ASCII.GetBytes).ToArray();

    public bool Matches(ReadOnlySpan<byte> content)
    {
        foreach (var needle in _needles)
        {
            if (content.IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
