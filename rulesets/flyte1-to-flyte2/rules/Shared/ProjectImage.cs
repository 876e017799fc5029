using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// The image a module's tasks without <c>container_image</c> ran on in Flyte 1, as Flyte 2 code:
/// a literal URI, or a <c>flyte.Image.from_dockerfile(...)</c> when the project builds that image from a
/// Dockerfile beside the module under a versioned tag (reference/flyte.md §10.1, §16.2).
/// </summary>
/// <param name="Uri">The literal image URI, when the project names one.</param>
/// <param name="Dockerfile">The Dockerfile's directory relative to the module's directory, as a number of levels up.</param>
/// <param name="Registry">The registry the project pushes the built image to.</param>
/// <param name="Name">The image name in that registry.</param>
internal sealed partial record ProjectImage(string? Uri, int Dockerfile, string Registry, string Name)
{
    /// <summary>The Dockerfile's path relative to the project root when the image is built from one, for a module at <paramref name="modulePath"/>.</summary>
    public string? DockerfilePath(string modulePath)
    {
        if (Uri is not null)
        {
            return null;
        }

        var directory = modulePath.Contains('/', StringComparison.Ordinal) ? modulePath[..modulePath.LastIndexOf('/')] : string.Empty;
        for (var level = 0; level < Dockerfile && directory.Length > 0; level++)
        {
            directory = directory.Contains('/', StringComparison.Ordinal) ? directory[..directory.LastIndexOf('/')] : string.Empty;
        }

        return directory.Length == 0 ? "Dockerfile" : directory + "/Dockerfile";
    }

    /// <summary>True when the expression reads <c>pathlib.Path(__file__)</c>.</summary>
    public bool NeedsPathlib => Uri is null;

    public string Expression(char quote)
    {
        if (Uri is not null)
        {
            return SourceText.Literal(quote, Uri);
        }

        var path = "pathlib.Path(__file__)" + string.Concat(Enumerable.Repeat(".parent", Dockerfile + 1)) + " / " + SourceText.Literal(quote, "Dockerfile");
        return $"flyte.Image.from_dockerfile({path}, registry={SourceText.Literal(quote, Registry)}, name={SourceText.Literal(quote, Name)})";
    }

    /// <summary>
    /// The option, else the default image of the first <c>pyflyte … --image/-i</c> command of the project's
    /// build, CI and script files (shell and make variables resolved from the same file): a literal URI as is;
    /// a URI whose tag is computed at build time (<c>ghcr.io/org/app:$SHA</c>) when the project builds images
    /// with docker and a Dockerfile sits in the module's folder or above it. Null when none is found.
    /// </summary>
    public static ProjectImage? For(RuleOptions options, ProjectModel project, string modulePath)
    {
        if (!string.IsNullOrWhiteSpace(options.DefaultImage))
        {
            return new ProjectImage(options.DefaultImage, 0, string.Empty, string.Empty);
        }

        var buildsImages = project.OtherFiles.Values.Any(t => BuildCommand().IsMatch(t));
        foreach (var (_, raw) in project.OtherFiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var text = raw.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (Match match in PyflyteImage().Matches(text))
            {
                var value = Resolve(text, match.Index, match.Groups[1].Value);
                var eq = value.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0 && !value.Contains('$', StringComparison.Ordinal))
                {
                    if (value[..eq] != "default")
                    {
                        continue;
                    }

                    value = value[(eq + 1)..];
                }

                if (!IsComputed(value))
                {
                    return new ProjectImage(value, 0, string.Empty, string.Empty);
                }

                if (buildsImages && FromDockerfile(project, modulePath, value) is { } built)
                {
                    return built;
                }
            }
        }

        return null;
    }

    private static ProjectImage? FromDockerfile(ProjectModel project, string modulePath, string value)
    {
        var colon = value.LastIndexOf(':');
        var repository = colon > value.LastIndexOf('/') ? value[..colon] : value;
        var slash = repository.LastIndexOf('/');
        if (IsComputed(repository) || slash <= 0 || repository.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var directory = modulePath.Contains('/', StringComparison.Ordinal) ? modulePath[..modulePath.LastIndexOf('/')] : string.Empty;
        for (var levels = 0; ; levels++)
        {
            if (project.OtherFiles.ContainsKey(directory.Length == 0 ? "Dockerfile" : directory + "/Dockerfile"))
            {
                return new ProjectImage(null, levels, repository[..slash], repository[(slash + 1)..]);
            }

            if (directory.Length == 0)
            {
                return null;
            }

            directory = directory.Contains('/', StringComparison.Ordinal) ? directory[..directory.LastIndexOf('/')] : string.Empty;
        }
    }

    private static bool IsComputed(string value) =>
        value.Contains('$', StringComparison.Ordinal) || value.Contains("{{", StringComparison.Ordinal) || value.Contains('`', StringComparison.Ordinal);

    // $NAME, ${NAME} and $(NAME) from the last `NAME=value` (shell, make: =, :=, ?=) before the command.
    private static string Resolve(string text, int at, string value)
    {
        return Reference().Replace(value, m =>
        {
            var name = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value;
            var assignments = Regex.Matches(text[..at], $@"(?m)^[ \t]*(?:export[ \t]+)?{Regex.Escape(name)}[ \t]*[:?]?=[ \t]*(.*?)[ \t\r]*$");
            return assignments.Count > 0 ? assignments[^1].Groups[1].Value.Trim('"', '\'') : m.Value;
        });
    }

    [GeneratedRegex(@"pyflyte\b[^\n]*?\s(?:--image|-i)(?:\s+|=)[""']?([^\s'""]+)")]
    private static partial Regex PyflyteImage();

    [GeneratedRegex(@"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|\(([A-Za-z_][A-Za-z0-9_]*)\)|([A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Reference();

    [GeneratedRegex(@"docker\s+(?:buildx\s+)?build\b|build-push-action|\bpodman\s+build\b|\bkaniko\b")]
    private static partial Regex BuildCommand();
}
