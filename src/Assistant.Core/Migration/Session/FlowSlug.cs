using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Branch-safe, stable names for migration units, from a flow id: <c>pkg/mod.py::daily_etl</c> →
/// <c>pkg.mod.daily_etl</c>, so the branch is <c>flowmigrate/pkg.mod.daily_etl</c> (an id without <c>::</c>,
/// a module, gives <c>pkg.mod</c>). Characters git refuses become '-'; accented Latin letters lose their accents
/// (données → donnees); a name with letters that have no such spelling (名前) gets a short hash of its id, so it is
/// the same on every run and distinct from other such names; two ids that clean up to the same slug both get a
/// short hash of their id.
/// </summary>
public static class FlowSlug
{
    public const string BranchPrefix = "flowmigrate/";

    public static IReadOnlyDictionary<string, string> For(IEnumerable<string> flowIds)
    {
        var ids = flowIds.Distinct(StringComparer.Ordinal).ToList();
        var plain = ids.ToDictionary(id => id, Clean, StringComparer.Ordinal);
        var collisions = plain.GroupBy(p => p.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Select(p => p.Key)).ToHashSet();
        return ids.ToDictionary(id => id, id => collisions.Contains(id) ? $"{plain[id]}-{Hash(id)}" : plain[id], StringComparer.Ordinal);
    }

    public static string Branch(string slug) => BranchPrefix + slug;

    private static string Clean(string flowId)
    {
        var separator = flowId.LastIndexOf("::", StringComparison.Ordinal);
        var file = separator < 0 ? flowId : flowId[..separator];
        var module = file.EndsWith(".py", StringComparison.Ordinal) ? file[..^3] : file;
        var name = module.Replace('/', '.') + (separator < 0 ? string.Empty : "." + flowId[(separator + 2)..]);
        var (slug, lossy) = Part(name);
        slug = lossy ? $"{slug}-{Hash(flowId)}" : slug;
        return slug.Length <= 120 ? slug : slug[..111] + "-" + Hash(flowId);
    }

    private static (string Slug, bool Lossy) Part(string text)
    {
        var builder = new StringBuilder();
        var lossy = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
            if (allowed)
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (LatinSpelling(c) is { } spelled)
            {
                builder.Append(spelled);
                continue;
            }

            lossy |= char.IsLetterOrDigit(c);
            if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString();
        while (slug.Contains("..", StringComparison.Ordinal))
        {
            slug = slug.Replace("..", ".", StringComparison.Ordinal);
        }

        slug = slug.Trim('-', '.');
        if (slug.EndsWith(".lock", StringComparison.Ordinal))
        {
            slug = slug[..^5] + "-lock";
        }

        return (slug.Length == 0 ? "flow" : slug, lossy);
    }

    // Letters that decomposition leaves whole, or that stay composed where normalization is unavailable.
    private static string? LatinSpelling(char c)
    {
        const string from = "àáâãäåçèéêëìíîïñòóôõöøùúûüýÿāăąćčďđēėęěğīįıķłńňōőřśşšťūůűųźżž";
        const string to = "aaaaaaceeeeiiiinoooooouuuuyyaaaccddeeeegiiiklnnoorssstuuuuzzz";
        var lower = char.ToLowerInvariant(c);
        var at = from.IndexOf(lower, StringComparison.Ordinal);
        return at >= 0 ? to[at].ToString() : lower switch
        {
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            'ð' => "d",
            _ => null,
        };
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..6];
}
