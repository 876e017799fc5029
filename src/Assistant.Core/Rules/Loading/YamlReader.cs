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

    public string String(YamlMappingNode mapping, string field) =>
        OptionalString(mapping, field) ?? throw Error(mapping, field, "is required");

    public string? OptionalString(YamlMappingNode mapping, string field)
    {
        if (!mapping.Children.TryGetValue(new YamlScalarNode(field), out var value))
        {
            return null;
        }

        return value is YamlScalarNode scalar ? scalar.Value : throw Error(value, field, "expected a single value");
    }

    public YamlNode? Optional(YamlMappingNode mapping, string field) =>
        mapping.Children.TryGetValue(new YamlScalarNode(field), out var value) ? value : null;

    public YamlNode Required(YamlMappingNode mapping, string field) =>
        Optional(mapping, field) ?? throw Error(mapping, field, "is required");

    public IReadOnlyList<string> Strings(YamlNode node, string field) =>
        Sequence(node, field).Children.Select(item => item is YamlScalarNode { Value: { } value } ? value : throw Error(item, field, "expected a list of values")).ToList();

    public RulesetLoadException Error(YamlNode node, string field, string problem) => new(File, (int)node.Start.Line, field, problem);
}
