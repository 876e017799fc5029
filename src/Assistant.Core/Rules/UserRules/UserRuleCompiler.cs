using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Assistant.Core.Rules.UserRules;

/// <summary>
/// Compiles user rule files with Roslyn against the .NET runtime and Assistant.Core's public rule API (the same
/// API the built-in rules use; internals are not visible). A file with errors is left out and the rest compiled
/// again, so one broken file never takes the others down.
/// </summary>
internal static class UserRuleCompiler
{
    /// <summary>Usings every user rule file gets without writing them.</summary>
    public const string GlobalUsings =
        "global using System; global using System.Collections.Generic; global using System.Linq; " +
        "global using Assistant.Core.Rules; global using Assistant.Core.Rules.Authoring; global using Assistant.Core.Rules.UserRules; " +
        "global using Assistant.Core.Source; global using Assistant.Core.Source.Syntax;";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static (byte[]? Image, IReadOnlyList<UserRuleDiagnostic> Errors, IReadOnlyDictionary<string, string> TypeFiles) Compile(IReadOnlyList<UserRuleSource> sources, string assemblyName)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var usings = CSharpSyntaxTree.ParseText(GlobalUsings, parse, path: "<flowmigrate global usings>");
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, parse, path: s.DisplayPath)).ToList();
        var errors = new List<UserRuleDiagnostic>();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Release, deterministic: true);
        while (trees.Count > 0)
        {
            var compilation = CSharpCompilation.Create(assemblyName, trees.Prepend(usings), References.Value, options);
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (result.Success)
            {
                return (image.ToArray(), errors, TypeFiles(compilation, trees));
            }

            var failing = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var broken = failing.Select(d => d.Location.SourceTree).OfType<SyntaxTree>().Where(trees.Contains).ToHashSet();
            errors.AddRange(failing.Where(d => d.Location.SourceTree is { } tree && broken.Contains(tree)).Select(ToDiagnostic));
            if (broken.Count == 0)
            {
                // Errors without a file (a missing reference…) fail every file alike.
                errors.AddRange(failing.Select(d => new UserRuleDiagnostic(trees[0].FilePath, 1, 1, d.Id, d.GetMessage())));
                break;
            }

            trees.RemoveAll(broken.Contains);
        }

        return (null, errors, new Dictionary<string, string>());
    }

    private static UserRuleDiagnostic ToDiagnostic(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return new UserRuleDiagnostic(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, diagnostic.Id, diagnostic.GetMessage());
    }

    private static Dictionary<string, string> TypeFiles(CSharpCompilation compilation, IEnumerable<SyntaxTree> trees)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is { } symbol)
                {
                    files.TryAdd(symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty, StringComparison.Ordinal), tree.FilePath);
                }
            }
        }

        return files;
    }

    // The runtime's own assemblies plus Assistant.Core: not the CLI, not the built-in rules, not our packages.
    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => string.Equals(Path.GetDirectoryName(p), runtime, StringComparison.Ordinal));
        return platform.Append(typeof(IRule).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    }
}
