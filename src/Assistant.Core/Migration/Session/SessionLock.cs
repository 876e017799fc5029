using System.Diagnostics;
using System.Text;

namespace Assistant.Core.Migration.Session;

/// <summary>
/// One flowmigrate session per repository at a time: <c>.git/flowmigrate/lock</c>, created exclusively,
/// holding the owner's pid, host and start time. A lock whose process is gone (on this host) is stale and
/// taken over; a live one makes the second session refuse, saying who holds it.
/// </summary>
public sealed class SessionLock : IDisposable
{
    private readonly string _path;

    private SessionLock(string path) => _path = path;

    public static SessionLock Acquire(string gitCommonDir)
    {
        var path = Path.Combine(gitCommonDir, "flowmigrate", "lock");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                var holder = Holder(path);
                if (holder is { } owner && owner.Host == Environment.MachineName && !IsAlive(owner.Pid))
                {
                    File.Delete(path);
                    continue;
                }

                throw new SessionException(SessionRefusal.Locked, holder is { } h
                    ? $"another flowmigrate (pid {h.Pid} on {h.Host}, since {h.Since}) is working on this repository; wait for it or stop it (lock: {path})"
                    : $"another flowmigrate holds {path}; if none is running, delete that file");
            }

            // The file is ours: if it cannot be written (a full disk), it goes again, or the next
            // session would take the empty file for another flowmigrate's lock.
            try
            {
                using (stream)
                {
                    stream.Write(Encoding.UTF8.GetBytes($"{Environment.ProcessId}\n{Environment.MachineName}\n{DateTimeOffset.UtcNow:O}\n"));
                }

                return new SessionLock(path);
            }
            catch (IOException exception)
            {
                File.Delete(path);
                throw new SessionException(SessionRefusal.GitFailed, $"could not write the session lock {path}: {exception.Message}");
            }
        }

        throw new SessionException(SessionRefusal.Locked, $"could not take {path}");
    }

    private static (int Pid, string Host, string Since)? Holder(string path)
    {
        try
        {
            var lines = File.ReadAllLines(path);
            return lines.Length >= 3 && int.TryParse(lines[0], out var pid) ? (pid, lines[1], lines[2]) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Left behind, it is stale and the next session takes it over.
        }
    }
}
