using System.Security.Cryptography;
using System.Text;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Branch-safe, stable names for migration units, from the module that holds their flows:
/// <c>pkg/mod.py</c> → <c>pkg.mod</c>, so the branch is <c>flowmigrate/pkg.mod</c>. A module is converted
/// whole, so its name stays right when teammates add or rename flows in it. Characters git refuses
/// become '-'; two files that clean up to the same slug both get a short hash of their path.
/// </summary>
public static class FlowSlug
{
    public const string BranchPrefix = "flowmigrate/";

    public static IReadOnlyDictionary<string, string> For(IEnumerable<string> files)
    {
        var ids = files.Distinct(StringComparer.Ordinal).ToList();
        var plain = ids.ToDictionary(id => id, Clean, StringComparer.Ordinal);
        var collisions = plain.GroupBy(p => p.Value, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g.Select(p => p.Key)).ToHashSet();
        return ids.ToDictionary(id => id, id => collisions.Contains(id) ? $"{plain[id]}-{Hash(id)}" : plain[id], StringComparer.Ordinal);
    }

    public static string Branch(string slug) => BranchPrefix + slug;

    private static string Clean(string file)
    {
        var module = file.EndsWith(".py", StringComparison.Ordinal) ? file[..^3] : file;
        var slug = Part(module.Replace('/', '.'));
        return slug.Length <= 120 ? slug : slug[..111] + "-" + Hash(file);
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
