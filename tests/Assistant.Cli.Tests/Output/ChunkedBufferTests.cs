using System.Text;
using System.Text.Json;
using Assistant.Cli.Output;

namespace Assistant.Cli.Tests.Output;

public sealed class ChunkedBufferTests
{
    [Fact]
    public async Task Should_Copy_Out_What_A_Json_Writer_Wrote_Across_Many_Chunks_Byte_For_Byte()
    {
        // Given JSON of several chunks, with multi-byte characters across chunk boundaries and one value larger than a chunk,
        // written into a chunked buffer and into one array
        using var chunked = new ChunkedBuffer();
        using var whole = new MemoryStream();
        Write(chunked);
        Write(whole);

        // When the chunked buffer is copied to a stream and to a text writer
        using var copied = new MemoryStream();
        await chunked.CopyToAsync(copied, CancellationToken.None);
        var text = new StringWriter();
        chunked.CopyTo(text);

        // Then both hold exactly what the one array holds
        Assert.True(chunked.Length > 4L * ChunkedBuffer.ChunkBytes);
        Assert.Equal(whole.ToArray(), copied.ToArray());
        Assert.Equal(Encoding.UTF8.GetString(whole.ToArray()), text.ToString());
    }

    private static void Write(object output)
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var json = output is Stream stream ? new Utf8JsonWriter(stream, options) : new Utf8JsonWriter((ChunkedBuffer)output, options);
        json.WriteStartArray();
        for (var i = 0; i < 20_000; i++)
        {
            json.WriteStringValue($"é{i} 😀 ü");
        }

        json.WriteStringValue(new string('ß', ChunkedBuffer.ChunkBytes));
        json.WriteEndArray();
    }
}
