using Assistant.Core.Source;

namespace Assistant.Core.Rules.Authoring;

/// <summary>
/// What the authoring helpers have read of one immutable module, kept with it as one fact (<see cref="PythonModule.Fact{T}"/>):
/// its imports (<see cref="ModuleImportFacts"/>), preferred quote and indent unit (<see cref="SourceText"/>). One entry
/// instead of one per fact: each new entry in a module's store takes a lock, and a module gets a new version every pass.
/// </summary>
internal sealed class AuthoringFacts(PythonModule module)
{
    private static readonly object Key = new();

    private ModuleImportFacts? _imports;
    private char _quote;
    private string? _indentUnit;

    public static AuthoringFacts Of(PythonModule module) => module.Fact(Key, static m => new AuthoringFacts(m));

    // One instance, so that bindings read once are shared by all who ask.
    public ModuleImportFacts Imports =>
        Volatile.Read(ref _imports) ?? Interlocked.CompareExchange(ref _imports, new ModuleImportFacts(module), null) ?? _imports!;

    /// <summary>The quote <paramref name="count"/> reads, read once (a race reads the same value twice).</summary>
    public char Quote(Func<PythonModule, char> count) => _quote != '\0' ? _quote : _quote = count(module);

    /// <summary>The indent unit <paramref name="read"/> reads, read once (a race reads the same value twice).</summary>
    public string IndentUnit(Func<PythonModule, string> read) => _indentUnit ??= read(module);
}
