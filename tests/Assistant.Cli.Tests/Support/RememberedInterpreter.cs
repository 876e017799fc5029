using Assistant.Core.Python;

namespace Assistant.Cli.Tests.Support;

/// <summary>The file <c>python3</c> really runs (its <c>sys.executable</c>: the version cache keeps binaries, never shims), and a
/// user cache (<c>$XDG_CACHE_HOME/flowmigrate</c>) made to remember it as some other version.</summary>
internal static class RememberedInterpreter
{
    public static async Task<string> ExecutableAsync()
    {
        var probe = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true })!;
        var executable = (await probe.StandardOutput.ReadToEndAsync()).Trim();
        await probe.WaitForExitAsync();
        return executable;
    }

    /// <summary>Makes the cache under <paramref name="cacheHome"/> remember <paramref name="executable"/> as <paramref name="version"/>.</summary>
    public static void Remember(string cacheHome, string executable, Version version) =>
        new PythonVersionCache(Path.Combine(cacheHome, "flowmigrate")).Remember(executable, new PythonVersionInfo(version, "cpython", executable));
}
