using System.Text;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Python identifiers and Prefect 2/3 name rules (reference §2.1, §2.2, §11).</summary>
public static class Names
{
    private static readonly HashSet<string> Keywords =
    [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
        "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield",
    ];

    /// <summary>Names 2.x/3.x reserve on flows and tasks (<c>raise_for_reserved_arguments</c>).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal) { "return_state", "wait_for" };

    /// <summary>Python 3.11's lower-case builtins (<c>dir(builtins)</c>): a module-level function named after one (a flow named
    /// "filter", a task class <c>Sum</c>) would shadow it for the whole module, the function's own body included.</summary>
    public static readonly IReadOnlySet<string> Builtins = new HashSet<string>(StringComparer.Ordinal)
    {
        "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
        "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval",
        "exec", "exit", "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id",
        "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
        "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round", "set",
        "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
    };

    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !Keywords.Contains(name)
        && name.All(c => c < 128);

    /// <summary><paramref name="candidate"/>, or the first of <c>candidate{separator}2</c>, <c>candidate{separator}3</c>, … that
    /// <paramref name="taken"/> does not hold: a name a rule introduces without shadowing one the code already uses.</summary>
    public static string Unused(string candidate, Func<string, bool> taken, string separator = "")
    {
        var name = candidate;
        for (var i = 2; taken(name); i++)
        {
            name = $"{candidate}{separator}{i}";
        }

        return name;
    }

    /// <summary>A Python identifier for a display name: <c>"daily-sales"</c> → <c>daily_sales</c>.</summary>
    public static string Identifier(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Trim())
        {
            builder.Append(c < 128 && char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_');
        }

        var result = string.Join('_', builder.ToString().Split('_', StringSplitOptions.RemoveEmptyEntries));
        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result = "flow_" + result;
        }

        return Keywords.Contains(result) ? result + "_" : result;
    }

    /// <summary>A block document name (lowercase letters, digits, dashes): <c>SLACK_WEBHOOK</c> → <c>slack-webhook</c>.</summary>
    public static string BlockName(string v1Name)
    {
        var builder = new StringBuilder();
        foreach (var c in v1Name.Trim())
        {
            builder.Append(c < 128 && char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return string.Join('-', builder.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A file-name slug for a flow (deployment files): <c>"ingest: daily"</c> → <c>ingest-daily</c>.</summary>
    public static string Slug(string name) => BlockName(name);

    /// <summary>Characters flow names may not contain in 2.x/3.x (<c>BANNED_CHARACTERS</c>).</summary>
    public static bool HasBannedCharacters(string flowName) => flowName.AsSpan().IndexOfAny("/%&><") >= 0;

    /// <summary>A Python string literal in the quote style of <paramref name="quoteLike"/> (a literal's source text).</summary>
    public static string Quote(string value, string? quoteLike = null)
    {
        var quote = quoteLike is { Length: > 0 } && quoteLike.TrimStart('r', 'b', 'u', 'f', 'R', 'B', 'U', 'F').StartsWith('\'') ? '\'' : '"';
        var escaped = value.Replace("\\", "\\\\").Replace(quote.ToString(), "\\" + quote).Replace("\n", "\\n");
        return $"{quote}{escaped}{quote}";
    }
}
