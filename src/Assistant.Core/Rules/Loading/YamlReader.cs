using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Rules.Loading;

/// <summary>Typed reads from a YAML node that fail with the file, line and field at fault.</summary>
internal sealed class YamlReader(string file)
{
    public string File { get; } = file;

    public YamlNode Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new RulesetLoadException(File, (int)exception.Start.Line, "(syntax)", exception.InnerException?.Message ?? exception.Message);
        }

        return stream.Documents.Count == 0
            ? throw new RulesetLoadException(File, 1, "(document)", "the file is empty")
            : stream.Documents[0].RootNode;
    }

    public YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, field, "expected a mapping");

    public YamlSequenceNode Sequence(YamlNode node, string field) =>
        node as YamlSequenceNode ?? throw Error(node, field, "expected a list");

    /// <summary>A required, non-empty single value; <paramref name="label"/> is the field's path in error messages.</summary>
    public string String(YamlMappingNode mapping, string field, string? label = null) =>
        OptionalString(mapping, field, label) is { Length: > 0 } value ? value : throw Error(mapping, label ?? field, "is required");

    public string? OptionalString(YamlMappingNode mapping, string field, string? label = null)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(field), out var value))
        {
            return null;
        }

        return value is YamlScalarNode scalar ? scalar.Value : throw Error(value, label ?? field, "expected a single value");
    }

    /// <summary>Fails on the first key that is not one of <paramref name="known"/> (a misspelled field would otherwise be ignored).</summary>
    public void OnlyKnownFields(YamlMappingNode mapping, string prefix, IReadOnlyCollection<string> known)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(name))
            {
                throw Error(key, prefix + name, $"unknown field (expected one of: {string.Join(", ", known)})");
            }
        }
    }

    /// <summary>A list of single values, each with its 1-based line.</summary>
    public IReadOnlyList<(string Value, int Line)> StringsWithLines(YamlNode node, string field) =>
        Sequence(node, field).Children
            .Select(item => item is YamlScalarNode { Value: { Length: > 0 } value } ? (value, (int)item.Start.Line) : throw Error(item, field, "expected a list of values"))
            .ToList();

    public YamlNode? Optional(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var value) ? value : null;

    public YamlNode Required(YamlMappingNode mapping, string field) =>
        Optional(mapping, field) ?? throw Error(mapping, field, "is required");

    public IReadOnlyList<string> Strings(YamlNode node, string field) =>
        Sequence(node, field).Children.Select(item => item is YamlScalarNode { Value: { } value } ? value : throw Error(item, field, "expected a list of values")).ToList();

    public RulesetLoadException Error(YamlNode node, string field, string problem) => new(File, (int)node.Start.Line, field, problem);
}
