using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Assistant.Core.Python.Checks;

/// <summary>
/// SHA-256 of file contents. Large files (the API manifests) are remembered per (path, size, modification
/// time) so they are hashed once; small files (modules) are always read, so an edit is never missed.
/// </summary>
internal sealed class ContentHashes
{
    private readonly ConcurrentDictionary<(string Path, long Length, DateTime Modified), string> _known = new();

    private const long RememberAbove = 256 * 1024;

    public string Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return "missing";
        }

        if (info.Length < RememberAbove)
        {
            return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(info.FullName)));
        }

        var key = (info.FullName, info.Length, info.LastWriteTimeUtc);
        return _known.GetOrAdd(key, static k =>
        {
            using var stream = File.OpenRead(k.Path);
            return Convert.ToHexString(SHA256.HashData(stream));
        });
    }

    public static string Combine(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
