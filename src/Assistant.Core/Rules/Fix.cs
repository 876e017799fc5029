using Assistant.Core.Source;

namespace Assistant.Core.Rules;

/// <summary>
/// Edits to the analysed file and, optionally, files to create (an environment module, a
/// deployment definition). <see cref="Description"/> is the one-line reason shown beside the diff.
/// </summary>
public sealed record Fix(IReadOnlyList<TextEdit> Edits, Safety Safety, string Description)
{
    public IReadOnlyList<GeneratedFile> Files { get; init; } = [];

    public static Fix Safe(string description, params TextEdit[] edits) => new(edits, Safety.Safe, description);

    public static Fix Review(string description, params TextEdit[] edits) => new(edits, Safety.Review, description);
}
