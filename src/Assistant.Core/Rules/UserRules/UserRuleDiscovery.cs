namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// Finds user rule files: <c>.flowmigrate/rules/*.cs</c> of the repository plus <c>*.cs</c> in the extra folders
/// <c>rule_folders</c> of <c>.flowmigrate/config.yaml</c> names (repo-relative or absolute). A named folder that
/// does not exist is a problem to report, not a reason to stop.
/// </summary>
public static class UserRuleDiscovery
{
    public const string DefaultFolder = ".flowmigrate/rules";

    public static (IReadOnlyList<UserRuleSource> Sources, IReadOnlyList<string> Problems) Find(string root, IEnumerable<string> extraFolders)
    {
        var sources = new List<UserRuleSource>();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (folder, required) in extraFolders.Select(f => (f, true)).Prepend((DefaultFolder, false)))
        {
            var full = Path.GetFullPath(Path.Combine(root, folder));
            if (!Directory.Exists(full))
            {
                if (required)
                {
                    problems.Add($"{RepositoryConfigPath}: rule_folders names {folder}, which does not exist");
                }

                continue;
            }

            foreach (var file in Directory.EnumerateFiles(full, "*.cs", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
            {
                if (!seen.Add(Path.GetFullPath(file)))
                {
                    continue;
                }

                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                var display = relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
                try
                {
                    sources.Add(new UserRuleSource(display, File.ReadAllText(file)));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{display}: cannot be read ({exception.Message})");
                }
            }
        }

        return (sources, problems);
    }

    private const string RepositoryConfigPath = ".flowmigrate/config.yaml";
}
