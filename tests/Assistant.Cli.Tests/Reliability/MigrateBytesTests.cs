using System.Text;

namespace Assistant.Cli.Tests.Reliability;

/// <summary>
/// <c>migrate</c> on files with unusual bytes, in both modes: the converted file committed on the flow's branch is in
/// the file's own encoding (Latin-1 per its PEP 263 cookie) and keeps the BOM, CRLF, lone LF, tabs and form feeds
/// byte for byte outside the spans it rewrote; the user's checkout does not change.
/// </summary>
public sealed class MigrateBytesTests : IDisposable
{
    private readonly TempRepo _repo = new("migrate-bytes");

    private async Task<byte[]> MigrateAsync(string file, byte[] bytes, string mode)
    {
        _repo.Write(file, bytes).Init().Commit();
        var checkout = UserCheckout.Snapshot(_repo.Root);
        var result = await Flowmigrate.RunAsync(_repo.Root, "migrate", _repo.Root, "--all", "--yes", "--no-check", "--mode", mode);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(checkout, UserCheckout.Snapshot(_repo.Root));
        var branch = Assert.Single(_repo.Git("for-each-ref", "--format=%(refname:short)", "refs/heads/flowmigrate/").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var path = mode == "in-place" ? file : "flows_v2/" + file;
        var blob = _repo.Git("rev-parse", $"{branch}:{path}").Output.Trim();
        return GitBlob(blob);
    }

    [Theory]
    [InlineData("side-by-side")]
    [InlineData("in-place")]
    public async Task Should_Commit_A_Latin1_File_In_Latin1(string mode)
    {
        var latin = Encoding.Latin1;
        var input = latin.GetBytes("# -*- coding: latin-1 -*-\nfrom prefect import Flow, task\n\n@task\ndef café_task():\n    return \"café ½\"\n\nwith Flow(\"latin\") as flow:\n    café_task()\n");

        var output = await MigrateAsync("latin.py", input, mode);

        Assert.NotEqual(input, output);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(output));
        Assert.StartsWith("# -*- coding: latin-1 -*-\n", latin.GetString(output), StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(latin.GetBytes("def café_task():\n    return \"café ½\"\n")), Convert.ToHexString(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("side-by-side")]
    [InlineData("in-place")]
    public async Task Should_Keep_Bom_Crlf_Mixed_Endings_Tabs_And_Form_Feeds_On_The_Branch(string mode)
    {
        var body = "from prefect import Flow, task\r\n\r\n@task\r\ndef a():\r\n\treturn 1  \r\n\f\r\n# tab\there\n\r\nwith Flow(\"bom\") as flow:\r\n\ta()\n# mixed\r\n";
        var input = (byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)];

        var output = await MigrateAsync("bom.py", input, mode);

        Assert.NotEqual(input, output);
        Assert.Equal([0xEF, 0xBB, 0xBF], output[..3]);
        var text = Encoding.UTF8.GetString(output[3..]);
        Assert.Contains("\r\n\r\n@task\r\ndef a():\r\n\treturn 1  \r\n\f\r\n# tab\there\n\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\n\ta()\n# mixed\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("with Flow(", text, StringComparison.Ordinal);
    }

    // git cat-file through the shared runner would decode the bytes as text; read the blob raw.
    private byte[] GitBlob(string blob)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = _repo.Root, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "cat-file", "blob", blob })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return bytes.ToArray();
    }

    public void Dispose() => _repo.Dispose();
}
