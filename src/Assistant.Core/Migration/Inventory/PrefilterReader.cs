namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// Reads whole files into one buffer that it re-uses (grown to the largest file), for the pre-filter: a file the
/// filter rules out costs no allocation. Not thread-safe: one per thread; a span it returns lasts until the next read.
/// </summary>
internal sealed class PrefilterReader
{
    private byte[] _buffer = new byte[64 * 1024];

    /// <summary>The file's bytes; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> as <see cref="File.ReadAllBytes"/> does.</summary>
    public ReadOnlySpan<byte> Read(string path)
    {
        // No read-ahead advice (FileOptions.SequentialScan): a file is read in one call, and the advice is one system call more per file.
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.None);
        var length = RandomAccess.GetLength(handle);
        if (length >= _buffer.Length)
        {
            _buffer = new byte[Math.Max(length + 1, 2L * _buffer.Length)];
        }

        // Read to the end even when the length was wrong (a file growing meanwhile, or one that reports no length); a read that
        // stops short once the reported length is in is the end (no second read just to be told so).
        var total = 0;
        while (true)
        {
            var room = _buffer.Length - total;
            var read = RandomAccess.Read(handle, _buffer.AsSpan(total), total);
            total += read;
            if (read == 0 || (length > 0 && total >= length && read < room))
            {
                return _buffer.AsSpan(0, total);
            }

            if (total == _buffer.Length)
            {
                Array.Resize(ref _buffer, 2 * _buffer.Length);
            }
        }
    }
}
