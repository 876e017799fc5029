using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Parses Python in process into exactly the tree and comments the worker's <c>ast.parse</c> (CPython 3.11) gives, or
/// answers null when the text has a syntax error or uses something it does not reproduce exactly (match statements,
/// lone carriage returns, non-ASCII identifiers, \N{...} escapes, multi-line or = f-string fields, …): the caller then asks the
/// worker. It never decides that text is invalid; only the user's Python does.
/// <para>The parser's hot methods are marked <see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>:
/// the JIT compiles them fully optimized at first use instead of running their ReadyToRun code, which for this code is about
/// twice as slow (calls into the runtime's generics are not inlined) and is replaced only late in a run, while convert parses
/// from its first file on.</para>
/// </summary>
public static class InProcessParser
{
    /// <summary>The interpreter version whose <c>ast.parse</c> this parser reproduces.</summary>
    public static Version Reproduces { get; } = new(3, 11);

    /// <summary>Whether trees of this parser stand in for those of <paramref name="version"/>'s <c>ast.parse</c>.</summary>
    public static bool Matches(Version? version) => version is not null && version.Major == Reproduces.Major && version.Minor == Reproduces.Minor;

    /// <summary>The module, or null when the worker must parse it (invalid or not reproduced here).</summary>
    public static ParseOutcome? TryParse(string path, string text, SourceEncoding encoding, bool comments) =>
        Parse(path, text, encoding, comments, out _);

    /// <summary>Why <see cref="TryParse"/> leaves <paramref name="text"/> to the worker; null when it does not (diagnosis).</summary>
    internal static string? FallbackReason(string text)
    {
        Parse("", text, SourceEncoding.Utf8, true, out var reason);
        return reason;
    }

    /// <summary>
    /// The statements of whole lines text[start..end) parsed as a module of their own (a Module node whose body they are), with
    /// positions in <paramref name="text"/>, and their comments; null when this parser leaves those lines to the worker. Only the
    /// caller knows whether the lines parse the same within the whole text (<see cref="IncrementalReparser"/> does).
    /// </summary>
    internal static (SyntaxNode Module, List<Comment> Comments)? TryParseLines(string text, int start, int end, bool comments)
    {
        try
        {
            return ParseLines(text, start, end, comments);
        }
        catch (Exception exception) when (IsFallback(exception))
        {
            return null;
        }
    }

    /// <summary>
    /// The decorators on whole lines text[start..end) (the lines before a definition's <c>def</c> or <c>class</c> line: only
    /// decorators, comments and blank lines), with positions in <paramref name="text"/>, and their comments added to
    /// <paramref name="comments"/>; null when the lines hold anything else or this parser leaves them to the worker.
    /// </summary>
    internal static SyntaxNode[]? TryParseDecorators(string text, int start, int end, List<Comment> comments)
    {
        try
        {
            var (tokens, found) = Tokenizer.Lines(text, start, end, comments: true);
            var cursor = new TokenCursor(tokens);
            var decorators = new StatementParser(cursor, new ExpressionParser(cursor, text)).Decorators();
            Tokenizer.Return(tokens);
            comments.AddRange(found);
            return decorators;
        }
        catch (Exception exception) when (IsFallback(exception))
        {
            return null;
        }
    }

    private static ParseOutcome? Parse(string path, string text, SourceEncoding encoding, bool comments, out string? reason)
    {
        reason = null;
        try
        {
            var (root, found) = ParseLines(text, 0, text.Length, comments);
            return new ParseOutcome(new PythonModule(path, text, encoding, root, found) { CommentsCollected = comments }, null);
        }
        catch (Exception exception) when (IsFallback(exception))
        {
            // Anything the parser did not foresee falls back to the worker, which is always right.
            reason = exception is UnsupportedSourceException ? exception.Message : $"{exception.GetType().Name}: {exception.Message}";
            return null;
        }
    }

    private static (SyntaxNode Module, List<Comment> Comments) ParseLines(string text, int start, int end, bool comments)
    {
        var (tokens, found) = Tokenizer.Lines(text, start, end, comments);
        var cursor = new TokenCursor(tokens);
        var root = new StatementParser(cursor, new ExpressionParser(cursor, text)).Module();
        Tokenizer.Return(tokens);
        return (root, found);
    }

    private static bool IsFallback(Exception exception) =>
        exception is UnsupportedSourceException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or InvalidCastException
            or FormatException or OverflowException or NullReferenceException or InsufficientExecutionStackException;
}
