using System.Text.RegularExpressions;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// The repository files rules may read but a flow branch never rewrites (they are repo-wide: a flow
/// branch that edited them would conflict with every other): build and CI files, scripts, dependency
/// manifests, Dockerfiles and framework config — where, for instance, <c>pyflyte --image</c> is found.
/// </summary>
public static partial class ProjectContextFilesReader
{
    private const int MaxBytes = 512 * 1024;

    public static Dictionary<string, string> Read(string root)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Candidates(root))
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || info.Length > MaxBytes)
            {
                continue;
            }

            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            try
            {
                files[relative] = File.ReadAllText(path);
            }
            catch (IOException)
            {
                // Unreadable context is just less context.
            }
        }

        return files;
    }

    private static IEnumerable<string> Candidates(string root)
    {
        foreach (var directory in new[] { root, Path.Combine(root, "scripts"), Path.Combine(root, "bin"), Path.Combine(root, "ci"), Path.Combine(root, ".flyte"), Path.Combine(root, ".github", "workflows"), Path.Combine(root, ".circleci"), Path.Combine(root, "deploy") })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory).Where(f => ContextName().IsMatch(Path.GetFileName(f))).Order(StringComparer.Ordinal))
            {
                yield return file;
            }
        }

        // A Dockerfile beside a package is the image its tasks ran on when CI builds it (examples/x/Dockerfile).
        foreach (var file in NestedDockerfiles(root, depth: 0).Order(StringComparer.Ordinal))
        {
            yield return file;
        }
    }

    private static IEnumerable<string> NestedDockerfiles(string directory, int depth)
    {
        if (depth > 0 && File.Exists(Path.Combine(directory, "Dockerfile")))
        {
            yield return Path.Combine(directory, "Dockerfile");
        }

        if (depth >= 4)
        {
            yield break;
        }

        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(directory).Where(d => !SkippedDirectory(Path.GetFileName(d))).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        foreach (var child in children)
        {
            if (new DirectoryInfo(child).LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in NestedDockerfiles(child, depth + 1))
            {
                yield return file;
            }
        }
    }

    private static bool SkippedDirectory(string name) =>
        name.StartsWith('.') || name is "node_modules" or "venv" or "env" or "site-packages" or "__pycache__" or "build" or "dist";

    [GeneratedRegex(@"^(Makefile|GNUmakefile|.*\.mk|Dockerfile.*|.*\.sh|.*\.ya?ml|requirements.*\.txt|pyproject\.toml|setup\.cfg|Pipfile|tox\.ini|Jenkinsfile|Taskfile.*|justfile)$", RegexOptions.IgnoreCase)]
    private static partial Regex ContextName();
}
