using Assistant.Core.Source;
using Assistant.Core.Tests.Support;

namespace Assistant.Core.Tests.Source;

public sealed class PythonModuleFactTests(SharedWorker shared) : IClassFixture<SharedWorker>
{
    private static readonly object NameCount = new();

    [Fact]
    public async Task Should_Read_A_Fact_Once_Per_Module()
    {
        // Given a module and a reader that counts its calls
        var module = await shared.Parser.ModuleAsync("import os\nx = os.sep\n");
        var reads = 0;
        List<string> Read(PythonModule m)
        {
            Interlocked.Increment(ref reads);
            return m.Root.Descendants().Where(n => n.Is("Name")).Select(n => n.Scalar("id")!).ToList();
        }

        // When the fact is asked for three times
        var first = module.Fact(NameCount, Read);
        var second = module.Fact(NameCount, Read);
        var third = module.Fact(NameCount, Read);

        // Then it was read once, and every caller gets that value
        Assert.Equal(1, reads);
        Assert.Equal(["x", "os"], first);
        Assert.Same(first, second);
        Assert.Same(first, third);
    }

    [Fact]
    public async Task Should_Keep_Facts_Apart_By_Key_And_By_Module()
    {
        // Given two modules of the same text
        var one = await shared.Parser.ModuleAsync("a = 1\n");
        var other = await shared.Parser.ModuleAsync("a = 1\n", "other.py");

        // When two facts are read of each
        var onePath = one.Fact("path", m => m.Path);
        var oneText = one.Fact("text", m => m.Text);
        var otherPath = other.Fact("path", m => m.Path);

        // Then each key has its own value and each module its own facts
        Assert.Equal("m.py", onePath);
        Assert.Equal("a = 1\n", oneText);
        Assert.Equal("other.py", otherPath);
    }

    [Fact]
    public async Task Should_Give_Concurrent_Callers_One_Value()
    {
        // Given a module asked for one fact by many threads at once
        var module = await shared.Parser.ModuleAsync("def f():\n    return 1\n");
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.Wait();
            return module.Fact(NameCount, _ => new object());
        })).ToList();

        // When they all ask
        start.Set();
        var values = await Task.WhenAll(tasks);

        // Then all get the same instance, even if more than one read ran
        Assert.All(values, v => Assert.Same(values[0], v));
    }
}
