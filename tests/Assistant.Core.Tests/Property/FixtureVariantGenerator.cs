using Assistant.Core.Python;
using Assistant.Core.Source;

namespace Assistant.Core.Tests.Property;

/// <summary>
/// Makes a variant of a fixture's Python inputs that has the same syntax tree shape: renames, quote
/// swaps and layout insertions. Returns null when a variant does not parse (a limit of the
/// generator, counted apart) or changes nothing.
/// </summary>
internal sealed class FixtureVariantGenerator(ModuleParser parser)
{
    private readonly Dictionary<(string Path, string Text), PythonModule?> _originals = [];

    public async Task<FixtureVariant?> GenerateAsync(IReadOnlyDictionary<string, string> inputs, Random random)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var probes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var comments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var changed = false;
        foreach (var (path, original) in inputs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            texts[path] = original;
            if (!path.EndsWith(".py", StringComparison.Ordinal) || await OriginalAsync(path, original) is not { } module)
            {
                continue;
            }

            // Renaming across files would break imports between them: only single-module fixtures rename.
            // Replacements and insertions come from the same tree and never overlap (insertions sit at node
            // boundaries), so one edit set and one parse make the variant.
            var renames = inputs.Count(p => p.Key.EndsWith(".py", StringComparison.Ordinal)) == 1 && random.Next(2) == 0
                ? IdentifierRenaming.Edits(module, random)
                : [];
            var quotes = random.Next(2) == 0 ? QuoteSwapping.Edits(module, random) : [];
            var layout = new LayoutInsertions(module, random);
            var variant = Apply(original, renames.Concat(quotes).Concat(layout.Build()));
            if (variant is null || await ParseAsync(path, variant) is null)
            {
                return null;
            }

            texts[path] = variant;
            probes[path] = layout.Probes.Where(variant.Contains).ToList();
            comments[path] = layout.Comments.Where(variant.Contains).ToList();
            changed |= variant != original;
        }

        return changed ? new FixtureVariant(texts, probes, comments) : null;
    }

    private async Task<PythonModule?> OriginalAsync(string path, string text)
    {
        if (!_originals.TryGetValue((path, text), out var module))
        {
            module = _originals[(path, text)] = await ParseAsync(path, text);
        }

        return module;
    }

    private async Task<PythonModule?> ParseAsync(string path, string text) => (await parser.ParseAsync(path, text, SourceEncoding.Utf8)).Module;

    private static string? Apply(string text, IEnumerable<TextEdit> edits)
    {
        try
        {
            return EditSet.Create(edits).ApplyTo(text);
        }
        catch (OverlappingEditsException)
        {
            return null;
        }
    }
}
