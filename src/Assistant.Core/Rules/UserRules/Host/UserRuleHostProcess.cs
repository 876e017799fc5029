using System.Diagnostics;
using System.Text;

namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>
/// One running rule host: requests go out as JSON lines on its stdin, answers come back on its stdout; its stderr
/// (where the host sends anything a rule prints) is kept in a short tail for crash reports. An answer that does
/// not come within the limit gets the process killed: .NET cannot abort a looping thread, only a process.
/// </summary>
internal sealed class UserRuleHostProcess : IDisposable
{
    private const int TailLines = 20;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();

    private UserRuleHostProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderr)
            {
                _stderr.Enqueue(e.Data);
                while (_stderr.Count > TailLines)
                {
                    _stderr.Dequeue();
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public static (UserRuleHostProcess Process, HostMessage Ready) Start(UserRuleHostLaunch launch, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in launch.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new UserRuleHostProcess(Process.Start(info) ?? throw new UserRuleHostException($"could not start {launch.FileName}"));
        try
        {
            var ready = process.Receive(timeout, "start");
            return ready.Op == "ready" ? (process, ready) : throw new UserRuleHostException($"the rule host answered '{ready.Op}' instead of ready: {ready.Message}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public HostMessage Send(HostMessage request, TimeSpan timeout)
    {
        try
        {
            _process.StandardInput.WriteLine(request.Serialize());
            _process.StandardInput.Flush();
        }
        catch (IOException)
        {
            throw new HostGoneException(Describe("exited"));
        }

        return Receive(timeout, request.Op);
    }

    private HostMessage Receive(TimeSpan timeout, string what)
    {
        var read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(timeout))
        {
            Kill();
            throw new HostTimeoutException($"no answer to {what} within {timeout.TotalSeconds:0.#} s");
        }

        return read.Result is { } line ? HostMessage.Parse(line) : throw new HostGoneException(Describe("exited"));
    }

    private string Describe(string what)
    {
        _process.WaitForExit(2000);
        var code = _process.HasExited ? $" with code {_process.ExitCode}" : string.Empty;
        string tail;
        lock (_stderr)
        {
            tail = string.Join(" | ", _stderr.Where(l => l.Trim().Length > 0).TakeLast(3));
        }

        return $"the rule host {what}{code}" + (tail.Length > 0 ? $" ({tail})" : string.Empty);
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                Kill();
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException)
        {
            Kill();
        }

        _process.Dispose();
    }

    /// <summary>The host did not answer in time and was killed.</summary>
    public sealed class HostTimeoutException(string message) : Exception(message);

    /// <summary>The host process ended (crashed, or a rule ended it).</summary>
    public sealed class HostGoneException(string message) : Exception(message);
}
