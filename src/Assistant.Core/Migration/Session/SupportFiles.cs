using System.Text;
using System.Text.RegularExpressions;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// Side-by-side mode: the parallel tree must import on its own, so next to the converted files it needs
/// the packages' <c>__init__.py</c> files and the project's plain-Python helper modules they import
/// (copied unchanged, transitively). Files already in the tree are left alone.
/// <para>
/// Old-framework modules outside the scope (other flows' modules) are never copied: the tree would hold v1 code that cannot
/// import under the new framework, and the branch that migrates them would conflict with the copy. A package
/// <c>__init__.py</c> that imports them (Prefect 1's registry, <c>from pipelines.rj_cor.bot_semaforo.flows import *</c>) is
/// copied with those imports commented out, the same way in every branch, so branches that copy it merge cleanly.
/// </para>
/// </summary>
internal static partial class SupportFiles
{
    /// <summary>The note above the imports a package's copy leaves out.</summary>
    public const string LeftOutNote = "# flowmigrate: v1 modules are not in this tree until their own flows migrate; re-export them here then if anything imports them from this package (Prefect 2/3 and Flyte 2 deployments name their entrypoint)";

    public static async Task<IReadOnlyList<string>> CopyAsync(string root, TreeLayout layout, IReadOnlyList<string> scope, IReadOnlySet<string> oldFramework,
        CancellationToken cancellationToken)
    {
        var copied = new List<string>();
        var inScope = scope.ToHashSet(StringComparer.Ordinal);
        bool Wanted(string path) => inScope.Contains(path) || !oldFramework.Contains(path);
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

            foreach (var imported in LocalImports(file, await File.ReadAllTextAsync(source, cancellationToken), root).Where(Wanted))
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
                var bytes = await File.ReadAllBytesAsync(Path.Combine(root, file), cancellationToken);
                if (IsPackage(file) && !inScope.Contains(file))
                {
                    bytes = WithoutOldFrameworkImports(file, bytes, root, oldFramework);
                }

                await File.WriteAllBytesAsync(target, bytes, cancellationToken);
                copied.Add(layout.OutputPath(file));
            }
        }

        return copied;
    }

    private static bool IsPackage(string file) => file == "__init__.py" || file.EndsWith("/__init__.py", StringComparison.Ordinal);

    private static IEnumerable<string> Packages(string file)
    {
        var parts = file.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            yield return string.Join('/', parts.Take(i)) + "/__init__.py";
        }
    }

    // A package's top-level imports of old-framework modules become comments (every line of the statement, so a parenthesised
    // import goes whole), under one note. A text that is not UTF-8 is copied as it is.
    private static byte[] WithoutOldFrameworkImports(string file, byte[] bytes, string root, IReadOnlySet<string> oldFramework)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return bytes;
        }

        var lines = Regex.Split(text, "(?<=\n)");
        var output = new StringBuilder();
        var noted = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ImportPattern().Match(lines[i]);
            if (!match.Success || match.Index != 0 || lines[i].StartsWith(' ') || lines[i].StartsWith('\t')
                || !Candidates(file, match, lines[i][match.Length..]).Any(oldFramework.Contains))
            {
                output.Append(lines[i]);
                continue;
            }

            if (!noted)
            {
                output.Append(LeftOutNote).Append(lines[i].EndsWith("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n");
                noted = true;
            }

            var last = StatementEnd(lines, i);
            for (; i <= last; i++)
            {
                output.Append("# ").Append(lines[i]);
            }

            i = last;
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    // The last line of the import statement starting at line `first`: through a parenthesised name list or backslash continuations.
    private static int StatementEnd(string[] lines, int first)
    {
        var open = lines[first].Contains('(', StringComparison.Ordinal) && !lines[first].Contains(')', StringComparison.Ordinal);
        var last = first;
        while (last + 1 < lines.Length && (open ? !lines[last].Contains(')', StringComparison.Ordinal) : lines[last].TrimEnd('\r', '\n').EndsWith('\\')))
        {
            last++;
        }

        return last;
    }

    // Imports that name a module of the project: `import pkg.mod`, `from pkg.mod import x`, `from .mod import x` (the file of the
    // module, or of a submodule a from-import names).
    private static IEnumerable<string> LocalImports(string file, string text, string root) =>
        ImportPattern().Matches(text).SelectMany(match => Candidates(file, match, RestOfLine(text, match.Index + match.Length)))
            .Where(candidate => File.Exists(Path.Combine(root, candidate)));

    private static string RestOfLine(string text, int start) => text.IndexOf('\n', start) is var end and >= 0 ? text[start..end] : text[start..];

    // The files a matched import may name; `rest` is the line after the match (the names of a from-import).
    private static IEnumerable<string> Candidates(string file, Match match, string rest)
    {
        if (match.Groups[2].Success)
        {
            return ModuleFiles(match.Groups[2].Value);
        }

        if (Absolute(file, match.Groups[1].Value) is not { } module)
        {
            return [];
        }

        // `from pkg import sub` may import the submodule pkg/sub.py: the names on the statement's first line are enough here.
        var names = rest.Split('#')[0].Trim(' ', '\t', '(', ')', '\\', '\r', '\n').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.Split(' ')[0]).Where(n => n != "*" && IdentifierPattern().IsMatch(n));
        return ModuleFiles(module).Concat(names.SelectMany(n => ModuleFiles(module.Length == 0 ? n : $"{module}.{n}")));
    }

    // `.mod` in pkg/sub/__init__.py → pkg.sub.mod; in pkg/sub/x.py → pkg.sub.mod; `..` climbs a package; null above the top.
    private static string? Absolute(string file, string module)
    {
        var level = module.TakeWhile(c => c == '.').Count();
        if (level == 0)
        {
            return module;
        }

        var packages = file.Split('/')[..^1];
        if (level - 1 > packages.Length)
        {
            return null;
        }

        var parts = packages.Take(packages.Length - (level - 1)).Append(module[level..]).Where(p => p.Length > 0);
        return string.Join('.', parts);
    }

    private static IEnumerable<string> ModuleFiles(string module)
    {
        var relative = module.Replace('.', '/');
        return relative.Length == 0 ? [] : [relative + ".py", relative + "/__init__.py"];
    }

    [GeneratedRegex(@"^[ \t]*(?:from[ \t]+(\.*[A-Za-z_][\w.]*|\.+)[ \t]+import\b|import[ \t]+([A-Za-z_][\w.]*))", RegexOptions.Multiline)]
    private static partial Regex ImportPattern();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex IdentifierPattern();
}
