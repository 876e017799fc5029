using Assistant.Core.Python;

namespace Assistant.Cli.Hosting;

/// <summary>Resolves the PATH argument and the user's Python the same way for every verb.</summary>
internal static class WorkspaceOptions
{
    public static string Directory(string? path)
    {
        var full = Path.GetFullPath(string.IsNullOrEmpty(path) ? "." : path);
        if (File.Exists(full))
        {
            throw new UserError($"{path} is a file, not a directory; pass the folder of the repository");
        }

        if (!System.IO.Directory.Exists(full))
        {
            throw new UserError($"{path} does not exist");
        }

        try
        {
            _ = System.IO.Directory.EnumerateFileSystemEntries(full).FirstOrDefault();
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserError($"{path} is not readable");
        }

        return full;
    }

    public static PythonWorker StartWorker(string? python, string root) => new(new PythonWorkerOptions
    {
        Interpreter = PythonInterpreterLocator.Locate(python, root, Environment.GetEnvironmentVariable),
        // Parsing a repository's files is the one job that keeps a Python process busy: give it a second one on a second core.
        ParseProcesses = Math.Clamp(Environment.ProcessorCount, 1, 2),
        // A scan that parses every file in process needs only the interpreter's version, which it answered in an earlier run.
        VersionCache = PythonVersionCache.ForUser(),
    });
}
