using Assistant.Core.Git;

namespace Assistant.Cli.Hosting;

/// <summary>
/// Creates a fresh git repository from the bundled demo (<c>Demo/repo</c> beside the executable):
/// copies the files, commits them as one initial commit on <c>main</c>, and returns its path.
/// </summary>
internal static class DemoRepository
{
    public static string Source => Path.Combine(AppContext.BaseDirectory, "Demo", "repo");

    public static async Task<string> CreateAsync(string? target, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Source))
        {
            throw new UserError($"the bundled demo is missing ({Source}); run ./install.sh again", ExitCodes.EnvironmentProblem);
        }

        var root = target is null
            ? Directory.CreateTempSubdirectory("flowmigrate-demo-").FullName
            : Path.GetFullPath(target);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new UserError($"{root} is not empty; the demo needs a new or empty folder");
        }

        Copy(Source, root);
        var git = await GitExecutable.LocateAsync(cancellationToken);
        if (!git.IsSuccess)
        {
            throw new UserError(git.Error!.Message, ExitCodes.EnvironmentProblem);
        }

        var repository = Unwrap(await GitRepository.InitAsync(git.Value, root, "main", cancellationToken));
        if (await repository.GetConfigAsync("user.email", cancellationToken) is null)
        {
            // A machine without a git identity (fresh CI box): give the throwaway demo one of its own.
            Unwrap(await repository.SetLocalConfigAsync("user.name", "flowmigrate demo", cancellationToken));
            Unwrap(await repository.SetLocalConfigAsync("user.email", "demo@flowmigrate.invalid", cancellationToken));
        }

        Unwrap(await repository.StageAllAsync(cancellationToken));
        Unwrap(await repository.CommitAsync(new CommitRequest("Acme data flows (Flyte 1 and Prefect 1)") { NoVerify = true }, cancellationToken));
        return root;
    }

    private static void Copy(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static T Unwrap<T>(GitResult<T> result) =>
        result.IsSuccess ? result.Value : throw new UserError(result.Error!.Message, ExitCodes.EnvironmentProblem);

    private static void Unwrap(GitResult result)
    {
        if (!result.IsSuccess)
        {
            throw new UserError(result.Error!.Message, ExitCodes.EnvironmentProblem);
        }
    }
}
