namespace Assistant.Core.Python;

/// <summary>
/// Chooses the user's Python: <c>--python PATH</c>, else <c>$VIRTUAL_ENV</c>, else the repo's
/// <c>.venv</c> or <c>venv</c>, else <c>python3</c> on <c>PATH</c>. Whether it really is a Python
/// ≥ 3.9 is proven by the worker's handshake, not here.
/// </summary>
public static class PythonInterpreterLocator
{
    public static PythonInterpreter Locate(string? explicitPath, string? repositoryRoot, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var resolved = File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : FindOnPath(explicitPath, environment("PATH"));
            return resolved is not null
                ? new PythonInterpreter(resolved, "--python")
                : throw new PythonWorkerException(PythonWorkerFailure.InterpreterNotFound, $"--python {explicitPath}: no such file");
        }

        if (environment("VIRTUAL_ENV") is { Length: > 0 } venv && VenvPython(venv) is { } fromVenv)
        {
            return new PythonInterpreter(fromVenv, "$VIRTUAL_ENV");
        }

        if (repositoryRoot is not null)
        {
            foreach (var name in new[] { ".venv", "venv" })
            {
                if (VenvPython(Path.Combine(repositoryRoot, name)) is { } local)
                {
                    return new PythonInterpreter(local, $"the repository's {name}");
                }
            }
        }

        return FindOnPath("python3", environment("PATH")) is { } onPath
            ? new PythonInterpreter(onPath, "python3 on PATH")
            : throw new PythonWorkerException(PythonWorkerFailure.InterpreterNotFound, "python3 was not found on PATH; install Python 3.9 or newer or pass --python PATH");
    }

    private static string? VenvPython(string venv)
    {
        foreach (var candidate in new[] { Path.Combine(venv, "bin", "python3"), Path.Combine(venv, "bin", "python"), Path.Combine(venv, "Scripts", "python.exe") })
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindOnPath(string name, string? path)
    {
        if (name.Contains(Path.DirectorySeparatorChar))
        {
            return null;
        }

        foreach (var directory in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
