using System.Text.Json;
using System.Text.Json.Serialization;

namespace Assistant.Core.Python;

/// <summary>
/// What interpreters answered in the worker's version handshake, remembered between runs in a small JSON file, so that
/// a command that needs only the version (to choose the in-process parser) does not start Python for it. An entry holds
/// while the interpreter path resolves to the same file with the same size and modification time. Interpreters that are
/// scripts (a pyenv shim picks its Python per folder) are never remembered. A missing, unreadable or unwritable cache
/// file is an empty cache: the worker's handshake is always the fallback.
/// </summary>
public sealed partial class PythonVersionCache(string directory)
{
    private const string FileName = "interpreters.json";

    // Source-generated: a command that only needs the version reads this file first thing, before reflection over the
    // entry types would have been paid for by anything else.
    private static readonly EntriesJson Json = EntriesJson.Default;

    /// <summary>The cache in the user's cache folder (<see cref="UserCacheFolder"/>).</summary>
    public static PythonVersionCache ForUser() => new(UserCacheFolder.Path);

    /// <summary>The version <paramref name="interpreterPath"/> answered before, when its file has not changed since.</summary>
    public PythonVersionInfo? Find(string interpreterPath)
    {
        if (Identify(interpreterPath) is not { } identity || !Read().TryGetValue(interpreterPath, out var entry) || entry.File != identity)
        {
            return null;
        }

        return Version.TryParse(entry.Version, out var version) ? new PythonVersionInfo(version, entry.Implementation, entry.Executable) : null;
    }

    /// <summary>Remembers a handshake (nothing when the interpreter is a script or the cache cannot be written).</summary>
    public void Remember(string interpreterPath, PythonVersionInfo info)
    {
        if (Identify(interpreterPath) is not { } identity)
        {
            return;
        }

        var entries = Read();
        var entry = new Entry(identity, info.Version.ToString(), info.Implementation, info.Executable);
        if (entries.TryGetValue(interpreterPath, out var known) && known == entry)
        {
            return;
        }

        entries[interpreterPath] = entry;
        var temporary = Path.Combine(directory, $"{FileName}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(temporary, JsonSerializer.Serialize(entries, Json.DictionaryStringEntry));
            File.Move(temporary, Path.Combine(directory, FileName), overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private Dictionary<string, Entry> Read()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(directory, FileName)), Json.DictionaryStringEntry) ?? [];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return [];
        }
    }

    // The file the path finally resolves to, its size and modification time; null for a script (#!) or a file that cannot be read.
    private static FileIdentity? Identify(string interpreterPath)
    {
        try
        {
            var target = File.ResolveLinkTarget(interpreterPath, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(interpreterPath);
            var file = new FileInfo(target);
            using var stream = file.OpenRead();
            Span<byte> start = stackalloc byte[2];
            if (stream.ReadAtLeast(start, 2, throwOnEndOfStream: false) == 2 && start[0] == (byte)'#' && start[1] == (byte)'!')
            {
                return null;
            }

            return new FileIdentity(target, file.Length, file.LastWriteTimeUtc.Ticks);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record FileIdentity(string Path, long Size, long ModifiedTicks);

    private sealed record Entry(FileIdentity File, string Version, string Implementation, string Executable);

    [JsonSourceGenerationOptions(WriteIndented = true)]
    [JsonSerializable(typeof(Dictionary<string, Entry>))]
    private sealed partial class EntriesJson : JsonSerializerContext;
}
