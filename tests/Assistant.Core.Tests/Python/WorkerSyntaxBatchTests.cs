using System.Text.Json;
using Assistant.Core.Python;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python;

/// <summary>The worker's <c>check_syntax_batch</c> operation, and the operations it imports on first use.</summary>
public sealed class WorkerSyntaxBatchTests
{
    // Valid, unclosed bracket, bad indentation, a tab/space mix, a null byte (ValueError in CPython), non-ASCII text
    // before the error (UTF-16 offsets), an empty module, a statement outside a function that only the compiler rejects.
    private static readonly (string Path, string Text)[] Files =
    [
        ("ok.py", "import flytekit\n\n@flytekit.task\ndef f(x: int) -> int:\n    return x\n"),
        ("open.py", "x = (1,\n"),
        ("indent.py", "def f():\nreturn 1\n"),
        ("tabs.py", "if True:\n\tx = 1\n        y = 2\n"),
        ("null.py", "x = 1\0\n"),
        ("unicode.py", "s = 'héllo 😀'\nt = s +\n"),
        ("empty.py", ""),
        ("outside.py", "return 1\n"),
    ];

    [Fact]
    public async Task Should_Answer_Each_File_As_Check_Syntax_Does_In_Order()
    {
        using var worker = Workers.Start();
        var batch = await worker.SendAsync("check_syntax_batch", new Dictionary<string, object?>
        {
            ["files"] = Files.Select(f => new Dictionary<string, object?> { ["path"] = f.Path, ["text"] = f.Text }).ToList(),
        });

        var results = batch.GetProperty("results").EnumerateArray().Select(r => r.GetRawText()).ToList();
        var single = new List<string>();
        foreach (var (path, text) in Files)
        {
            single.Add((await worker.SendAsync("check_syntax", new Dictionary<string, object?> { ["path"] = path, ["text"] = text })).GetRawText());
        }

        Assert.Equal(single, results);
        Assert.Equal([true, false, false, false, false, false, true, true],
            batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("valid").GetBoolean()).ToArray());
        var unicode = batch.GetProperty("results")[5].GetProperty("syntax_error");
        Assert.Equal(2, unicode.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Should_Answer_An_Empty_Batch_With_No_Results()
    {
        using var worker = Workers.Start();
        var batch = await worker.SendAsync("check_syntax_batch", new Dictionary<string, object?> { ["files"] = new List<object>() });
        Assert.Equal(JsonValueKind.Array, batch.GetProperty("results").ValueKind);
        Assert.Equal(0, batch.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Should_Serve_An_Import_Check_Operation_As_The_First_Request()
    {
        // The check operations live in a sibling module the worker imports on the first request it cannot serve itself:
        // such a request reaches the operation (which refuses the missing arguments), not "unknown operation".
        using var worker = Workers.Start();
        var error = await Assert.ThrowsAsync<PythonWorkerException>(() => worker.SendAsync("standin_signatures"));
        Assert.Equal(PythonWorkerFailure.RequestFailed, error.Failure);
        Assert.DoesNotContain("unknown operation", error.Message, StringComparison.Ordinal);

        var unknown = await Assert.ThrowsAsync<PythonWorkerException>(() => worker.SendAsync("no_such_operation"));
        Assert.Contains("unknown operation", unknown.Message, StringComparison.Ordinal);
    }
}
