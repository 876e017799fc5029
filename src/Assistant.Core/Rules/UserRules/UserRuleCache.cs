using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// Compiled user rules by content hash (the files' paths and texts, plus the rule API assembly's build; a hit is
/// confirmed against the whole content), so an
/// unchanged rule set costs a hash and a file read on the next start, not a compile. An entry is an assembly
/// and a JSON sidecar (errors, type → file), both written atomically; the newest entries are kept.
/// </summary>
public sealed class UserRuleCache(string directory)
{
    private const int Kept = 8;

    public string Directory { get; } = directory;

    /// <summary>The cache of a repository: under its git dir (shared by its worktrees), else under the user's cache folder.</summary>
    public static UserRuleCache For(string root) => new(Path.Combine(GitDirectory(root) is { } git ? Path.Combine(git, "flowmigrate") : UserCacheFolder.Path, "rules-cache"));

    public CompiledUserRules GetOrCompile(IReadOnlyList<UserRuleSource> sources)
    {
        var watch = Stopwatch.StartNew();
        var material = Material(sources);
        var key = Hash(material);
        var sidecar = Path.Combine(Directory, key + ".json");
        var assembly = Path.Combine(Directory, key + ".dll");
        if (Read(sidecar) is { } cached && cached.Material == material && (!cached.HasAssembly || File.Exists(assembly)))
        {
            return new CompiledUserRules(cached.HasAssembly ? assembly : null, cached.Errors, cached.TypeFiles) { FromCache = true, Elapsed = watch.Elapsed };
        }

        var (image, errors, typeFiles) = Compile(sources, key);
        System.IO.Directory.CreateDirectory(Directory);
        if (image is not null)
        {
            WriteAtomically(assembly, image);
        }

        WriteAtomically(sidecar, JsonSerializer.SerializeToUtf8Bytes(new Entry(image is not null, errors.ToList(), typeFiles.ToDictionary(), material)));
        Prune();
        return new CompiledUserRules(image is null ? null : assembly, errors, typeFiles) { Elapsed = watch.Elapsed };
    }

    // Kept out of GetOrCompile so that a cache hit never loads the compiler's types (and Roslyn with them).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (byte[]? Image, IReadOnlyList<UserRuleDiagnostic> Errors, IReadOnlyDictionary<string, string> TypeFiles) Compile(IReadOnlyList<UserRuleSource> sources, string key) =>
        UserRuleCompiler.Compile(sources, "flowmigrate.userrules." + key[..16]);

    /// <summary>What a compiled assembly depends on: the rule API build, the implicit usings, every file's path and text.</summary>
    public static string Material(IReadOnlyList<UserRuleSource> sources)
    {
        var api = typeof(IRule).Assembly;
        var text = new StringBuilder("flowmigrate-user-rules/1\n")
            .Append(api.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion).Append('\n')
            .Append(api.ManifestModule.ModuleVersionId).Append('\n')
            .Append(UserRuleCompiler.GlobalUsings).Append('\n');
        foreach (var source in sources.OrderBy(s => s.DisplayPath, StringComparer.Ordinal))
        {
            text.Append(source.DisplayPath).Append('\0').Append(source.Text).Append('\0');
        }

        return text.ToString();
    }

    // FNV-1a, 64 bits, twice (different offsets): a file name, not a security boundary — a hit is confirmed by
    // comparing the whole material stored beside the assembly. (SHA-256 would load OpenSSL: a tenth of a second.)
    private static string Hash(string material)
    {
        ulong first = 14695981039346656037, second = 1099511628211 * 31;
        foreach (var c in material)
        {
            first = (first ^ c) * 1099511628211;
            second = (second ^ c) * 1099511628211 + 0x9E3779B97F4A7C15;
        }

        return $"{first:x16}{second:x16}";
    }

    private static Entry? Read(string sidecar)
    {
        try
        {
            if (!File.Exists(sidecar))
            {
                return null;
            }

            // JsonDocument rather than the serializer: no reflection warm-up on the path that should cost nothing.
            using var json = JsonDocument.Parse(File.ReadAllBytes(sidecar));
            var root = json.RootElement;
            var errors = root.GetProperty("Errors").EnumerateArray().Select(e => new UserRuleDiagnostic(
                e.GetProperty("File").GetString()!, e.GetProperty("Line").GetInt32(), e.GetProperty("Column").GetInt32(), e.GetProperty("Code").GetString()!, e.GetProperty("Message").GetString()!)).ToList();
            var typeFiles = root.GetProperty("TypeFiles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            return new Entry(root.GetProperty("HasAssembly").GetBoolean(), errors, typeFiles, root.GetProperty("Material").GetString()!);
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private void Prune()
    {
        var entries = new DirectoryInfo(Directory).GetFiles("*.json").OrderByDescending(f => f.LastWriteTimeUtc).Skip(Kept);
        foreach (var entry in entries)
        {
            try
            {
                entry.Delete();
                File.Delete(Path.ChangeExtension(entry.FullName, ".dll"));
            }
            catch (IOException)
            {
                // Another flowmigrate may be reading it; the next prune gets it.
            }
        }
    }

    // The common git dir of root's repository (a worktree's .git file points into it), or null outside git.
    private static string? GitDirectory(string root)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(root)); directory is not null; directory = directory.Parent)
        {
            var dotGit = Path.Combine(directory.FullName, ".git");
            if (System.IO.Directory.Exists(dotGit))
            {
                return dotGit;
            }

            if (File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is { } pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                var gitDir = Path.GetFullPath(Path.Combine(directory.FullName, pointer["gitdir:".Length..].Trim()));
                var common = Path.Combine(gitDir, "commondir");
                return File.Exists(common) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(common).Trim())) : gitDir;
            }
        }

        return null;
    }

    private sealed record Entry(bool HasAssembly, List<UserRuleDiagnostic> Errors, Dictionary<string, string> TypeFiles, string Material);
}
