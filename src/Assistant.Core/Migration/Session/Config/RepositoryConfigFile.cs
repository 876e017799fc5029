using System.Text;
using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Migration.Session.Config;

/// <summary>Reads and writes <c>.flowmigrate/config.yaml</c>; unknown keys and bad values fail with file and line.</summary>
public static class RepositoryConfigFile
{
    private static readonly string[] Modes = ["side-by-side", "in-place"];
    private static readonly string[] Targets = ["prefect2", "prefect3"];
    private static readonly string[] Drivers = ["sync", "async"];

    public static RepositoryConfig Load(string root)
    {
        var path = Path.Combine(root, RepositoryConfig.RelativePath);
        return File.Exists(path) ? Parse(path, File.ReadAllText(path)) : RepositoryConfig.Default;
    }

    public static RepositoryConfig Parse(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException exception)
        {
            throw new RepositoryConfigException(file, (int)exception.Start.Line, "(syntax)", exception.InnerException?.Message ?? exception.Message);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return RepositoryConfig.Default;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new RepositoryConfigException(file, 1, "(document)", "expected a mapping of settings");
        }

        var config = RepositoryConfig.Default;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            var line = (int)keyNode.Start.Line;
            config = key switch
            {
                "prefect_target" => config with { PrefectTarget = OneOf(file, line, key, Scalar(file, value, key), Targets) },
                "mode" => config with { Mode = OneOf(file, line, key, Scalar(file, value, key), Modes) },
                "parallel_tree" => config with { ParallelTree = RelativeFolder(file, line, key, Scalar(file, value, key)) },
                "base_branch" => config with { BaseBranch = NullableScalar(value) },
                "schedules_inactive" => config with { SchedulesInactive = Boolean(file, line, key, Scalar(file, value, key)) },
                "driver" => config with { Driver = OneOf(file, line, key, Scalar(file, value, key), Drivers) },
                "work_pools" => config with { WorkPools = Map(file, value, key) },
                "secret_blocks" => config with { SecretBlocks = Map(file, value, key) },
                "python" => config with { Python = NullableScalar(value) },
                "exclude" => config with { Exclude = List(file, value, key) },
                "submodules" => config with { Submodules = Boolean(file, line, key, Scalar(file, value, key)) },
                "rule_folders" => config with { RuleFolders = List(file, value, key) },
                "default_image" => config with { DefaultImage = NullableScalar(value) },
                _ => throw new RepositoryConfigException(file, line, key, "unknown setting (see `flowmigrate init` for the documented keys)"),
            };
        }

        return config;
    }

    /// <summary>
    /// Pins the Prefect target in the repository's config file, keeping every other line (comments included) as it is:
    /// the <c>prefect_target</c> line is replaced (its trailing comment kept), or added; a missing file is written whole.
    /// </summary>
    public static void SetPrefectTarget(string root, string target)
    {
        var path = Path.Combine(root, RepositoryConfig.RelativePath);
        var text = File.Exists(path) ? WithPrefectTarget(File.ReadAllText(path), target) : Render(RepositoryConfig.Default with { PrefectTarget = target });
        Parse(path, text);
        AtomicFile.Write(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }

    /// <summary><paramref name="text"/> (a config file) with its top-level <c>prefect_target</c> set to <paramref name="target"/>.</summary>
    public static string WithPrefectTarget(string text, string target)
    {
        _ = OneOf(RepositoryConfig.RelativePath, 0, "prefect_target", target, Targets);
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith("prefect_target:", StringComparison.Ordinal));
        if (index < 0)
        {
            return text + (text.Length == 0 || text.EndsWith('\n') ? string.Empty : "\n") + $"prefect_target: {target}\n";
        }

        // Only the value changes: the spacing, a trailing comment and a '\r' stay as they were.
        var line = lines[index];
        var valueStart = "prefect_target:".Length;
        while (valueStart < line.Length && line[valueStart] is ' ' or '\t')
        {
            valueStart++;
        }

        var valueEnd = valueStart;
        while (valueEnd < line.Length && !char.IsWhiteSpace(line[valueEnd]))
        {
            valueEnd++;
        }

        lines[index] = (valueStart == "prefect_target:".Length ? "prefect_target: " : line[..valueStart]) + target + line[valueEnd..];
        return string.Join('\n', lines);
    }

    /// <summary>The file <c>flowmigrate init</c> writes: every key, with a comment saying what it does.</summary>
    public static string Render(RepositoryConfig config)
    {
        static string Quote(string? value) => value is null ? "null" : $"\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
        static string Block(IReadOnlyDictionary<string, string> map) =>
            map.Count == 0 ? " {}" : string.Concat(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\n  {Quote(p.Key)}: {Quote(p.Value)}"));
        static string Items(IReadOnlyList<string> list) => list.Count == 0 ? " []" : string.Concat(list.Select(i => $"\n  - {Quote(i)}"));

        var text = new StringBuilder();
        text.Append("# flowmigrate settings for this repository. Commit this file: the whole team migrates the same way.\n");
        text.Append("# Every key can be overridden for one run by the CLI flag of the same name (e.g. --prefect-target).\n\n");
        text.Append("# Prefect target for Prefect 1 flows: prefect2 or prefect3. Changing it re-plans flows not yet committed.\n");
        text.Append($"prefect_target: {config.PrefectTarget}\n\n");
        text.Append("# side-by-side: converted flows and the modules they need go to parallel_tree; the old code stays\n#   untouched and deployable until cutover. in-place: files are rewritten where they are, and flows\n#   sharing a module migrate together on one branch.\n");
        text.Append($"mode: {config.Mode}\n\n");
        text.Append("# Root of the converted copies in side-by-side mode (same package paths under it; run the new\n#   flows with this folder as the source root).\n");
        text.Append($"parallel_tree: {Quote(config.ParallelTree)}\n\n");
        text.Append("# Branch that flow branches start from and are merged into (null: the branch checked out when you run flowmigrate).\n");
        text.Append($"base_branch: {Quote(config.BaseBranch)}\n\n");
        text.Append("# Generate schedules and triggers inactive (Prefect paused: true, Flyte auto_activate=False) so old and\n#   new never both run the same job; activate at cutover.\n");
        text.Append($"schedules_inactive: {(config.SchedulesInactive ? "true" : "false")}\n\n");
        text.Append("# Flyte 2 workflow drivers: sync (calls run one after another) or async (independent calls gathered).\n");
        text.Append($"driver: {config.Driver}\n\n");
        text.Append("# Prefect 1 run config -> Prefect 2/3 work pool name, e.g. KubernetesRun: k8s-pool\n");
        text.Append($"work_pools:{Block(config.WorkPools)}\n\n");
        text.Append("# Prefect 1 secret name -> Secret block name, e.g. SLACK_WEBHOOK: slack-webhook\n");
        text.Append($"secret_blocks:{Block(config.SecretBlocks)}\n\n");
        text.Append("# Python interpreter (null: $VIRTUAL_ENV, then .venv / venv, then python3 on PATH).\n");
        text.Append($"python: {Quote(config.Python)}\n\n");
        text.Append("# Repo-relative paths never scanned or migrated.\n");
        text.Append($"exclude:{Items(config.Exclude)}\n\n");
        text.Append("# Also scan submodules and nested repositories (--submodules). Their flows are listed; each migrates in its own\n#   repository (run flowmigrate there): flowmigrate never writes into a submodule's checkout from here.\n");
        text.Append($"submodules: {(config.Submodules ? "true" : "false")}\n\n");
        text.Append("# Extra folders of user rules (C#), besides .flowmigrate/rules.\n");
        text.Append($"rule_folders:{Items(config.RuleFolders)}\n\n");
        text.Append("# Image Flyte 1 tasks without container_image ran on (pyflyte --image), when flowmigrate cannot find it.\n");
        text.Append($"default_image: {Quote(config.DefaultImage)}\n");
        return text.ToString();
    }

    private static string Scalar(string file, YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new RepositoryConfigException(file, (int)node.Start.Line, key, "expected a single value");

    private static string? NullableScalar(YamlNode node) => node is YamlScalarNode { Value: { } value } && value is not ("null" or "~" or "") ? value : null;

    private static string OneOf(string file, int line, string key, string value, string[] allowed) =>
        allowed.Contains(value) ? value : throw new RepositoryConfigException(file, line, key, $"'{value}' is not one of {string.Join(", ", allowed)}");

    private static bool Boolean(string file, int line, string key, string value) => value switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw new RepositoryConfigException(file, line, key, $"'{value}' is not true or false"),
    };

    private static string RelativeFolder(string file, int line, string key, string value) =>
        Path.IsPathRooted(value) || value.Split('/').Contains("..") || value.Trim('/').Length == 0
            ? throw new RepositoryConfigException(file, line, key, $"'{value}' must be a folder inside the repository")
            : value.Trim('/');

    private static Dictionary<string, string> Map(string file, YamlNode node, string key) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Scalar(file, p.Value, key), StringComparer.Ordinal),
        YamlScalarNode { Value: null or "" or "null" or "~" } => new Dictionary<string, string>(),
        _ => throw new RepositoryConfigException(file, (int)node.Start.Line, key, "expected a mapping"),
    };

    private static List<string> List(string file, YamlNode node, string key) => node switch
    {
        YamlSequenceNode list => list.Children.Select(item => Scalar(file, item, key)).ToList(),
        YamlScalarNode { Value: null or "" or "null" or "~" } => [],
        _ => throw new RepositoryConfigException(file, (int)node.Start.Line, key, "expected a list"),
    };
}
