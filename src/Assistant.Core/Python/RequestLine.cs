using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Assistant.Core.Python;

/// <summary>
/// The JSON line of one worker request: the arguments, then <c>id</c> and <c>op</c>, byte for byte what
/// <see cref="JsonSerializer"/> writes for that dictionary. The values requests carry (text, numbers, flags, nested
/// dictionaries and lists of them) are written directly; anything else goes through the serializer. Writing them
/// directly spares a command's first request the serializer's reflection over <c>Dictionary&lt;string, object?&gt;</c>,
/// which costs a start-up more than all its later requests together.
/// </summary>
internal static class RequestLine
{
    public static string Write(IReadOnlyDictionary<string, object?> arguments, long id, string operation)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
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
                        WriteValue(writer, value);
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
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
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
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }
}
