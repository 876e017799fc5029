using System.Text.Json;

namespace Assistant.Core.Python;

/// <summary>
/// The JSON line of one worker request: the arguments, then <c>id</c> and <c>op</c>, byte for byte what
/// <see cref="JsonSerializer"/> writes for that dictionary. The values requests carry (text, numbers, flags, nested
/// dictionaries and lists of them) are written directly; anything else goes through the serializer. Writing them
/// directly spares a command's first request the serializer's reflection over <c>Dictionary&lt;string, object?&gt;</c>,
/// which costs a start-up more than all its later requests together.
/// </summary>
/// <remarks>
/// The line is streamed: a text is written in segments of <see cref="SegmentCharacters"/>, and the writer's bytes go to its
/// stream whenever more than <see cref="FlushBytes"/> are pending. A request (a batch of texts of up to 2 MB) is never held
/// whole in memory, so a request costs no large-object-heap buffer, whose allocations would trigger full collections.
/// </remarks>
internal static class RequestLine
{
    /// <summary>Characters of a text written at once: their escaped UTF-8 (at most 18 bytes a character) stays below the large-object size.</summary>
    internal const int SegmentCharacters = 2048;

    private const int FlushBytes = 16 * 1024;

    /// <summary>
    /// Writes the request's JSON object with <paramref name="writer"/> (which writes to a stream) and flushes it; the
    /// caller ends the line.
    /// </summary>
    public static async ValueTask WriteAsync(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> arguments, long id, string operation, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        bool wroteId = false, wroteOperation = false;
        foreach (var (name, value) in arguments)
        {
            writer.WritePropertyName(name);
            switch (name)
            {
                // As a dictionary's indexer would, the request's own id and op replace arguments of those names in place.
                case "id":
                    writer.WriteNumberValue(id);
                    wroteId = true;
                    break;
                case "op":
                    writer.WriteStringValue(operation);
                    wroteOperation = true;
                    break;
                default:
                    await WriteValueAsync(writer, value, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (!wroteId)
        {
            writer.WriteNumber("id", id);
        }

        if (!wroteOperation)
        {
            writer.WriteString("op", operation);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A measure of the request's size, without writing it: the characters of its names and texts, a few for any other value
    /// (what <see cref="WorkerProcess.PendingBytes"/> counts as work queued).
    /// </summary>
    public static long Size(IReadOnlyDictionary<string, object?> arguments)
    {
        long size = 2;
        foreach (var (name, value) in arguments)
        {
            size += name.Length + 4 + Size(value);
        }

        return size + 32;
    }

    private static long Size(object? value)
    {
        switch (value)
        {
            case string text:
                return text.Length + 2;
            case IReadOnlyDictionary<string, object?> dictionary:
                return Size(dictionary);
            case IEnumerable<object?> items:
                long size = 2;
                foreach (var item in items)
                {
                    size += Size(item) + 1;
                }

                return size;
            default:
                return 8;
        }
    }

    private static async ValueTask WriteValueAsync(Utf8JsonWriter writer, object? value, CancellationToken cancellationToken)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                await WriteTextAsync(writer, text, cancellationToken).ConfigureAwait(false);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case IReadOnlyDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                foreach (var (name, item) in dictionary)
                {
                    writer.WritePropertyName(name);
                    await WriteValueAsync(writer, item, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    await WriteValueAsync(writer, item, cancellationToken).ConfigureAwait(false);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }

    // Segments escape as the whole text would: a surrogate pair split between two is written once both halves are there.
    private static async ValueTask WriteTextAsync(Utf8JsonWriter writer, string text, CancellationToken cancellationToken)
    {
        if (text.Length <= SegmentCharacters)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            for (var start = 0; start < text.Length; start += SegmentCharacters)
            {
                var length = Math.Min(SegmentCharacters, text.Length - start);
                writer.WriteStringValueSegment(text.AsSpan(start, length), isFinalSegment: start + length == text.Length);
                if (writer.BytesPending > FlushBytes)
                {
                    await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (writer.BytesPending > FlushBytes)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
