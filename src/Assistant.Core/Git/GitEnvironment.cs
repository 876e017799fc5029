namespace Assistant.Core.Git;

/// <summary>The environment every git process gets.</summary>
internal static class GitEnvironment
{
    // Inherited from a parent git (e.g. when run from a hook) these would point git at
    // another repository than the one we pass as the working directory.
    private static readonly string[] RepositoryLocators =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX",
    ];

    public static void Apply(IDictionary<string, string?> environment, bool isReadOnly)
    {
        foreach (var name in RepositoryLocators)
        {
            environment.Remove(name);
        }

        // Never wait for a password prompt; messages in English so they can be classified.
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["LC_ALL"] = "C";
        if (isReadOnly)
        {
            // A read (e.g. status) must not rewrite the user's index as a side effect.
            environment["GIT_OPTIONAL_LOCKS"] = "0";
        }
    }
}
