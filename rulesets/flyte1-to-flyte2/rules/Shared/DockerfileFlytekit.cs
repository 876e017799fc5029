using System.Text.RegularExpressions;
using Assistant.Core.Rules;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// Where a Dockerfile installs flytekit (or a flytekitplugins package): a <c>pip install</c> that names it, or one that
/// installs a requirements file of the project (beside the Dockerfile or at the root) that lists it. An image built
/// from it has no flyte SDK, so Flyte 2 tasks cannot start on it.
/// </summary>
internal static partial class DockerfileFlytekit
{
    /// <summary>The 1-based line and text of the first such install, or null.</summary>
    public static (int Line, string Text)? FirstInstall(ProjectModel project, string dockerfilePath)
    {
        if (!project.OtherFiles.TryGetValue(dockerfilePath, out var text))
        {
            return null;
        }

        var directory = dockerfilePath.Contains('/', StringComparison.Ordinal) ? dockerfilePath[..(dockerfilePath.LastIndexOf('/') + 1)] : string.Empty;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            // A RUN continued over several lines is one command.
            var start = index;
            var command = lines[index].TrimEnd('\r');
            while (command.EndsWith('\\') && index + 1 < lines.Length)
            {
                command = command[..^1] + " " + lines[++index].TrimEnd('\r');
            }

            if (command.TrimStart().StartsWith('#') || !PipInstall().IsMatch(command))
            {
                continue;
            }

            var shown = Whitespace().Replace(command.Trim(), " ");
            if (FlytekitName().IsMatch(command.Replace("pip install", " ", StringComparison.Ordinal)))
            {
                return (start + 1, shown);
            }

            var listing = Requirements().Matches(command).Select(m => m.Groups[1].Value)
                .Select(file => new[] { directory + file.TrimStart('.', '/'), file.TrimStart('.', '/') }.FirstOrDefault(path => ListsFlytekit(project, path)))
                .FirstOrDefault(path => path is not null);
            if (listing is not null)
            {
                return (start + 1, $"{shown}, and {listing} lists flytekit");
            }
        }

        return null;
    }

    private static bool ListsFlytekit(ProjectModel project, string path) =>
        project.OtherFiles.TryGetValue(path, out var text)
        && text.Split('\n').Any(line => RequirementLine().IsMatch(line));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\bpip3?\s+install\b")]
    private static partial Regex PipInstall();

    [GeneratedRegex(@"(?<![\w.-])[""']?flytekit(?:plugins-[\w-]+)?(?![\w-])(?!\.)")]
    private static partial Regex FlytekitName();

    [GeneratedRegex(@"(?:-r|--requirement)[\s=]+[""']?([^\s""']+)")]
    private static partial Regex Requirements();

    [GeneratedRegex(@"^\s*flytekit(?:plugins-[\w-]+)?(?![\w-])", RegexOptions.IgnoreCase)]
    private static partial Regex RequirementLine();
}
