using Assistant.Core.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Assistant.Core.Tests.Rulesets.Prefect;

/// <summary>
/// Every deployment file the Prefect fixtures expect is YAML that <c>prefect deploy</c> can read: one document with a
/// <c>deployments</c> list. A TODO quoting a value written over several lines once left lines outside the comment.
/// </summary>
public sealed class DeploymentFileYamlTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var ruleset in new[] { "prefect1-to-prefect2", "prefect1-to-prefect3" })
        {
            var fixtures = Path.Combine(RepositoryLayout.Rulesets, ruleset, "fixtures");
            foreach (var file in Directory.EnumerateFiles(fixtures, "*.prefect.yaml", SearchOption.AllDirectories)
                .Where(f => f.Split(Path.DirectorySeparatorChar).Contains("expected")).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(RepositoryLayout.Rulesets, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Expected_Deployment_File_Should_Be_Yaml_With_Deployments(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(Path.Combine(RepositoryLayout.Rulesets, file))))
        {
            stream.Load(reader);
        }

        var document = Assert.Single(stream.Documents);
        var root = Assert.IsType<YamlMappingNode>(document.RootNode);
        var deployments = Assert.IsType<YamlSequenceNode>(root.Children[new YamlScalarNode("deployments")]);
        Assert.NotEmpty(deployments.Children);
    }
}
