using System.Buffers;
using System.Text;

namespace Assistant.Cli.Output;

/// <summary>
/// Bytes written in pooled chunks of <see cref="ChunkBytes"/> rather than one growing array: a report of any size is held
/// without a large-object-heap buffer (whose allocations trigger full collections), then copied out in order.
/// </summary>
internal sealed class ChunkedBuffer : IBufferWriter<byte>, IDisposable
{
    /// <summary>The size of a chunk, below the large-object size.</summary>
    public const int ChunkBytes = 64 * 1024;

    private readonly List<(byte[] Array, int Length)> _full = [];
    private byte[]? _current;
    private int _written;

    /// <summary>The bytes written so far.</summary>
    public long Length => _full.Sum(chunk => (long)chunk.Length) + _written;

    public void Advance(int count)
    {
        if (count < 0 || _current is null || _written + count > _current.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    // A request larger than a chunk gets a chunk of its own size (a JSON writer asks for room for one whole value).
    private byte[] Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current is not null && _current.Length - _written >= needed)
        {
            return _current;
        }

        if (_current is not null)
        {
            _full.Add((_current, _written));
        }

        _current = ArrayPool<byte>.Shared.Rent(Math.Max(needed, ChunkBytes));
        _written = 0;
        return _current;
    }

    /// <summary>Writes the bytes to <paramref name="stream"/>.</summary>
    public async Task CopyToAsync(Stream stream, CancellationToken cancellationToken)
    {
        foreach (var (array, length) in Chunks())
        {
            await stream.WriteAsync(array.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the bytes, which are UTF-8, to <paramref name="writer"/> as text.</summary>
    public void CopyTo(TextWriter writer)
    {
        const int step = 16 * 1024;
        var decoder = Encoding.UTF8.GetDecoder();
        var characters = new char[Encoding.UTF8.GetMaxCharCount(step)];
        foreach (var (array, length) in Chunks())
        {
            for (var offset = 0; offset < length;)
            {
                var take = Math.Min(step, length - offset);
                var count = decoder.GetChars(array, offset, take, characters, 0, flush: false);
                writer.Write(characters, 0, count);
                offset += take;
            }
        }

        var rest = decoder.GetChars([], 0, 0, characters, 0, flush: true);
        writer.Write(characters, 0, rest);
    }

    private IEnumerable<(byte[] Array, int Length)> Chunks() => _current is null ? _full : _full.Append((_current, _written));

    public void Dispose()
    {
        foreach (var (array, _) in Chunks())
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _full.Clear();
        _current = null;
        _written = 0;
    }
}
