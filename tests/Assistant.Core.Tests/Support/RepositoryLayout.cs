namespace Assistant.Core.Tests.Support;

/// <summary>Paths of the flowmigrate source tree, found from the test assembly's location.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Rulesets => Path.Combine(Root, "rulesets");

    public static string SharedReference => Path.GetFullPath(Path.Combine(Root, "..", "shared", "reference"));

    public static string Demo => Path.Combine(Root, "src", "Assistant.Cli", "Demo", "repo");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assistant.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Assistant.sln not found above " + AppContext.BaseDirectory);
    }
}
