using System.Text.RegularExpressions;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Property;

/// <summary>Turns single-quoted string literals into double-quoted ones and back (simple one-line literals only).</summary>
internal static partial class QuoteSwapping
{
    public static IEnumerable<TextEdit> Edits(PythonModule module, Random random)
    {
        foreach (var constant in SourceSites.Nodes(module, "Constant").Where(c => c.Scalar("vt") is "str" or "bytes"))
        {
            var text = module.GetText(constant);
            var match = Simple().Match(text);
            if (!match.Success || random.Next(2) == 0)
            {
                continue;
            }

            var other = match.Groups["q"].Value == "'" ? "\"" : "'";
            yield return TextEdit.Replace(constant.Span, match.Groups["p"].Value + other + match.Groups["c"].Value + other);
        }
    }

    [GeneratedRegex("""^(?<p>[rRbBuU]{0,2})(?<q>['"])(?<c>[^'"\\\r\n]*)\k<q>$""")]
    private static partial Regex Simple();
}
