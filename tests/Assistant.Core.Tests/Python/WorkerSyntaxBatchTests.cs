using System.Text.Json;
using Assistant.Core.Python;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python;

/// <summary>The worker's <c>check_syntax_batch</c> operation, and the operations it imports on first use.</summary>
public sealed class WorkerSyntaxBatchTests
{
    // Valid, unclosed bracket, bad indentation, a tab/space mix, a null byte (ValueError in CPython), non-ASCII text
    // before the error (UTF-16 offsets), an empty module, a statement outside a function that only the compiler rejects,
    // and three that parse although CPython's symbol table (the worker's quick check) refuses them.
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
        ("duplicate.py", "def f(a, a):\n    pass\n"),
        ("nonlocal.py", "nonlocal x\n"),
        ("global.py", "def f():\n    x = 1\n    global x\n"),
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
        Assert.Equal([true, false, false, false, false, false, true, true, true, true, true],
            batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("valid").GetBoolean()).ToArray());
        var unicode = batch.GetProperty("results")[5].GetProperty("syntax_error");
        Assert.Equal(2, unicode.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Should_Never_Take_A_Text_For_Parsing_That_Ast_Parse_Refuses()
    {
        // The batch's quick check (the symbol table, built under a lower recursion limit) accepts a text only when ast.parse does:
        // chains nested up to and past the depth where building the ast objects fails, and a text the symbol table alone refuses.
        var script = Path.Combine(AppContext.BaseDirectory, "python");
        var program = string.Join('\n',
            "import ast, sys",
            $"sys.path.insert(0, {JsonSerializer.Serialize(script)})",
            "import flowmigrate_worker as w",
            "def parses(text):",
            "    try:",
            "        ast.parse(text)",
            "        return True",
            "    except (SyntaxError, ValueError, RecursionError, MemoryError):",
            "        return False",
            "shapes = [lambda d: 'x = a' + '.b' * d, lambda d: 'x = ' + '-' * d + '1', lambda d: 'x = 1' + ' + 1' * d,",
            "          lambda d: 'x = f' + '()' * d, lambda d: 'x = a' + '[0]' * d, lambda d: 'x = ' + 'not ' * d + 'a']",
            "quick = wrong = 0",
            "for shape in shapes:",
            "    for depth in list(range(1, 700, 50)) + list(range(2950, 3050)):",
            "        text = shape(depth) + '\\n'",
            "        if w._surely_parses(text, 'm.py'):",
            "            quick += 1",
            "            wrong += not parses(text)",
            "print(quick, wrong, w._surely_parses('import os\\nx = os.sep\\n', 'm.py'), w._surely_parses('def f(a, a):\\n    pass\\n', 'm.py'))");
        var start = new System.Diagnostics.ProcessStartInfo(Workers.Python3.Path, ["-c", program]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var python = System.Diagnostics.Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, error);
        var words = output.Split(' ', StringSplitOptions.TrimEntries);
        // Python 3.11 checks quickly (the ordinary module, and every shallow chain); other versions always ask ast.parse.
        var quick = int.Parse(words[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(quick > 0 ? "True" : "False", words[2]);
        Assert.Equal("0", words[1]);
        Assert.Equal("False", words[3]);
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
