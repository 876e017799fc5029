using System.Diagnostics;
using Assistant.Cli.Tests.Support;

namespace Assistant.Cli.Tests.Tui.EndToEnd;

/// <summary>A temp copy of the demo repository made by the real <c>flowmigrate demo --into</c> (not a terminal, so it only creates and scans).</summary>
internal sealed class DemoRepo : IDisposable
{
    private DemoRepo(string root) => Root = root;

    public string Root { get; }

    public static async Task<DemoRepo> CreateAsync()
    {
        var parent = Directory.CreateTempSubdirectory("flowmigrate-tui-e2e-").FullName;
        var root = Path.Combine(parent, "repo");
        var result = await CliProcess.RunInAsync(parent, null, "demo", "--into", root);
        Assert.True(result.ExitCode == 0, result.Error);
        return new DemoRepo(root);
    }

    public async Task<string> GitAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
