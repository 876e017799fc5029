using Assistant.Core.Python.Checks;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Python.Checks;

/// <summary>The same structured outcomes when the code runs in a fresh interpreter instead of a fork.</summary>
public sealed class ImportCheckerFreshProcessTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    [Theory]
    [InlineData("import flyte\n\nflyte.Resources(mem='1Gi')\n", ImportCheckOutcome.Failed, "TypeError", 3)]
    [InlineData("import sys\n\nsys.exit(3)\n", ImportCheckOutcome.Failed, "SystemExit", 3)]
    [InlineData("import ctypes\n\nctypes.string_at(0)\n", ImportCheckOutcome.Crashed, "Crash", 3)]
    [InlineData("import time\n\nwhile True:\n    time.sleep(0.05)\n", ImportCheckOutcome.TimedOut, "TimeoutError", 4)]
    public async Task Should_Give_The_Same_Structured_Result_In_A_Fresh_Process(string text, ImportCheckOutcome outcome, string type, int line)
    {
        using var workspace = new CheckWorkspace();
        var module = workspace.Write("flows_v2/etl.py", text);
        // The loop's line is known only once the fresh interpreter has started and reached it: on a loaded machine that took
        // over 3 s once, so the time limit is a hang guard well beyond a start-up.
        var limit = TimeSpan.FromSeconds(outcome == ImportCheckOutcome.TimedOut ? 12 : 30);
        var options = workspace.Options("flyte", limit) with { Isolation = CheckIsolation.FreshProcess };

        var result = await new ImportChecker(shared.Worker, options).CheckAsync([module]);

        Assert.Equal(outcome, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Equal((type, "flows_v2/etl.py", line), (error.Type, error.File, error.Line));
    }
}
