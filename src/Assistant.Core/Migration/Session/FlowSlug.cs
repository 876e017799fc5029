using System.Security.Cryptography;
using System.Text;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Branch-safe, stable names for migration units, from a flow id: <c>pkg/mod.py::daily_etl</c> →
/// <c>pkg.mod.daily_etl</c>, so the branch is <c>flowmigrate/pkg.mod.daily_etl</c>. Characters git refuses
/// become '-'; two ids that clean up to the same slug both get a short hash of the id.
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
        var slug = Part(name);
        return slug.Length <= 120 ? slug : slug[..111] + "-" + Hash(flowId);
    }

    private static string Part(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
            if (allowed)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
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

        return slug.Length == 0 ? "flow" : slug;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..6];
}
