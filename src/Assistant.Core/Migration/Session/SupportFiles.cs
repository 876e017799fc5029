using System.Text.RegularExpressions;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Side-by-side mode: the parallel tree must import on its own, so next to the converted files it needs
/// the packages' <c>__init__.py</c> files and the project's plain-Python helper modules they import
/// (copied unchanged, transitively). Files already in the tree are left alone.
/// </summary>
internal static partial class SupportFiles
{
    public static async Task<IReadOnlyList<string>> CopyAsync(string root, TreeLayout layout, IReadOnlyList<string> scope, CancellationToken cancellationToken)
    {
        var copied = new List<string>();
        var pending = new Queue<string>(scope.Where(f => f.EndsWith(".py", StringComparison.Ordinal)));
        var seen = new HashSet<string>(pending, StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var file = pending.Dequeue();
            foreach (var package in Packages(file))
            {
                if (File.Exists(Path.Combine(root, package)) && seen.Add(package))
                {
                    pending.Enqueue(package);
                }
            }

            var source = File.Exists(Path.Combine(root, layout.OutputPath(file))) ? Path.Combine(root, layout.OutputPath(file)) : Path.Combine(root, file);
            if (!File.Exists(source))
            {
                continue;
            }

            foreach (var imported in LocalImports(await File.ReadAllTextAsync(source, cancellationToken), root))
            {
                if (seen.Add(imported))
                {
                    pending.Enqueue(imported);
                }
            }

            var target = Path.Combine(root, layout.OutputPath(file));
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(root, file), target);
                copied.Add(layout.OutputPath(file));
            }
        }

        return copied;
    }

    private static IEnumerable<string> Packages(string file)
    {
        var parts = file.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            yield return string.Join('/', parts.Take(i)) + "/__init__.py";
        }
    }

    // Absolute imports that name a module of the project: `import pkg.mod`, `from pkg.mod import x`.
    private static IEnumerable<string> LocalImports(string text, string root)
    {
        foreach (Match match in ImportPattern().Matches(text))
        {
            var module = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
            var relative = module.Replace('.', '/');
            foreach (var candidate in new[] { relative + ".py", relative + "/__init__.py" })
            {
                if (File.Exists(Path.Combine(root, candidate)))
                {
                    yield return candidate;
                }
            }
        }
    }

    [GeneratedRegex(@"^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import|import[ \t]+([A-Za-z_][\w.]*))", RegexOptions.Multiline)]
    private static partial Regex ImportPattern();
}
