using System.Text;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// <c>convert</c> on files with unusual bytes: the converted copy is written in the file's own encoding and
/// keeps the BOM, CRLF, lone LF, tabs and form feeds byte for byte outside the spans it rewrote.
/// </summary>
public sealed class ConvertBytesTests : IDisposable
{
    private readonly TempRepo _source = new("convert-src");
    private readonly string _out = Path.Combine(Path.GetTempPath(), "flowmigrate-tests", $"convert-out-{Guid.NewGuid():N}");

    private async Task<byte[]> ConvertAsync(string file, byte[] bytes)
    {
        _source.Write(file, bytes);
        var result = await Flowmigrate.RunAsync(_source.Root, "convert", _source.Root, "--out", _out);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(_source.Root, file)));
        return File.ReadAllBytes(Path.Combine(_out, file));
    }

    [Fact]
    public async Task Should_Write_A_Latin1_File_Back_In_Latin1()
    {
        var latin = Encoding.Latin1;
        var input = latin.GetBytes("# -*- coding: latin-1 -*-\nfrom prefect import Flow, task\n\n@task\ndef café_task():\n    return \"café ½\"\n\nwith Flow(\"latin\") as flow:\n    café_task()\n");

        var output = await ConvertAsync("latin.py", input);

        Assert.NotEqual(input, output);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(output));
        var untouched = latin.GetBytes("# -*- coding: latin-1 -*-\n");
        Assert.Equal(untouched, output[..untouched.Length]);
        Assert.Contains(Hex(latin.GetBytes("\n\n@task\ndef café_task():\n    return \"café ½\"\n\n")), Hex(output));
        Assert.Contains(Hex(latin.GetBytes("    café_task()\n")), Hex(output));
    }

    [Fact]
    public async Task Should_Keep_Bom_Crlf_Mixed_Endings_Tabs_And_Form_Feeds_Outside_The_Edits()
    {
        var body = "from prefect import Flow, task\r\n\r\n@task\r\ndef a():\r\n\treturn 1  \r\n\f\r\n# tab\there\n\r\nwith Flow(\"bom\") as flow:\r\n\ta()\n# mixed\r\n";
        var input = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)];

        var output = await ConvertAsync("bom.py", input);

        Assert.NotEqual(input, output);
        Assert.Equal([0xEF, 0xBB, 0xBF], output[..3]);
        var text = Encoding.UTF8.GetString(output[3..]);
        Assert.Contains("\r\n\r\n@task\r\ndef a():\r\n\treturn 1  \r\n\f\r\n# tab\there\n\r\n", text);
        Assert.Contains("\r\n\ta()\n# mixed\r\n", text);
        Assert.DoesNotContain("with Flow(", text);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    public void Dispose()
    {
        _source.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, true);
        }
    }
}
