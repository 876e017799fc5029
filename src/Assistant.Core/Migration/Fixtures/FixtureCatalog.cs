using System.Text;

namespace Assistant.Core.Migration.Fixtures;

/// <summary>Finds the fixtures under a <c>fixtures/</c> folder (see <see cref="Fixture"/> for the layout).</summary>
public static class FixtureCatalog
{
    public static IReadOnlyList<Fixture> Discover(string fixturesDirectory)
    {
        var fixtures = new List<Fixture>();
        if (!Directory.Exists(fixturesDirectory))
        {
            return fixtures;
        }

        foreach (var scopeDirectory in Directory.GetDirectories(fixturesDirectory).Order(StringComparer.Ordinal))
        {
            fixtures.AddRange(DiscoverScope(scopeDirectory));
        }

        return fixtures;
    }

    /// <summary>The fixtures of one scope folder (<c>FLY301/</c>, <c>pipeline/</c>…), without looking at its siblings.</summary>
    public static IReadOnlyList<Fixture> DiscoverScope(string scopeDirectory)
    {
        var fixtures = new List<Fixture>();
        if (!Directory.Exists(scopeDirectory))
        {
            return fixtures;
        }

        var scope = Path.GetFileName(scopeDirectory);
        foreach (var file in Directory.GetFiles(scopeDirectory, "*.py").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.EndsWith(".expected.py", StringComparison.Ordinal) || fileName.EndsWith(".received.py", StringComparison.Ordinal))
            {
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(file);
            var expectedPath = Path.Combine(scopeDirectory, name + ".expected.py");
            fixtures.Add(new Fixture(scope, name, scopeDirectory,
                new Dictionary<string, string> { [name + ".py"] = Read(file) },
                new Dictionary<string, string?> { [name + ".py"] = File.Exists(expectedPath) ? Read(expectedPath) : null },
                Options(Path.Combine(scopeDirectory, name + ".options.yaml"))));
        }

        foreach (var caseDirectory in Directory.GetDirectories(scopeDirectory).Order(StringComparer.Ordinal))
        {
            var input = Path.Combine(caseDirectory, "input");
            if (!Directory.Exists(input))
            {
                continue;
            }

            var inputs = Tree(input);
            var expected = Tree(Path.Combine(caseDirectory, "expected")).ToDictionary(p => p.Key, p => (string?)p.Value, StringComparer.Ordinal);
            foreach (var path in inputs.Keys.Where(p => !expected.ContainsKey(p)))
            {
                expected[path] = null;
            }

            fixtures.Add(new Fixture(scope, Path.GetFileName(caseDirectory), scopeDirectory, inputs, expected, Options(Path.Combine(caseDirectory, "options.yaml"))));
        }

        return fixtures;
    }

    private static Dictionary<string, string> Tree(string root) =>
        !Directory.Exists(root)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : Directory.GetFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), Read, StringComparer.Ordinal);

    private static string Read(string path)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException($"{path} is not valid UTF-8; fixture files are UTF-8");
        }
    }

    private static Dictionary<string, string> Options(string path) =>
        !File.Exists(path)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : File.ReadAllLines(path)
                .Select(line => line.Split('#')[0])
                .Where(line => line.Contains(':'))
                .ToDictionary(line => line[..line.IndexOf(':')].Trim(), line => line[(line.IndexOf(':') + 1)..].Trim().Trim('"'), StringComparer.Ordinal);
}
