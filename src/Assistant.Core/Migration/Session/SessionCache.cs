using System.Text.Json;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// The local cache under the git dir (<c>.git/flowmigrate/state.json</c>): decisions not yet carried by a
/// commit (steps skipped at the end of a flow, changes toggled off in the step being decided, flows skipped).
/// Written atomically; losing it loses only those pending decisions, never a committed one.
/// </summary>
public sealed class SessionCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private SessionCache(string path, CacheData data)
    {
        Path = path;
        Data = data;
    }

    public string Path { get; }

    public CacheData Data { get; private set; }

    public static SessionCache Load(string gitCommonDir)
    {
        var path = System.IO.Path.Combine(gitCommonDir, "flowmigrate", "state.json");
        try
        {
            var data = File.Exists(path) ? JsonSerializer.Deserialize<CacheData>(File.ReadAllBytes(path), Json) : null;
            return new SessionCache(path, data ?? new CacheData());
        }
        catch (JsonException)
        {
            // A corrupt cache is rebuilt from git; only uncommitted decisions are lost.
            return new SessionCache(path, new CacheData());
        }
    }

    public void Update(Func<CacheData, CacheData> change)
    {
        Data = change(Data);
        AtomicFile.Write(Path, JsonSerializer.SerializeToUtf8Bytes(Data, Json));
    }
}
