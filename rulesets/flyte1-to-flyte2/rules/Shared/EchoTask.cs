using System.Text.RegularExpressions;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// <c>echo = Echo(name="echo", inputs={"x": float})</c>: a flytekit task that returns its inputs as its outputs (run by the
/// propeller echo plugin, without a container). Flyte 2 has no such plugin; a task returning its inputs computes the same.
/// </summary>
internal static partial class EchoTask
{
    public static readonly string[] Names = ["flytekit.core.task.Echo"];

    private static readonly HashSet<string> Keywords = ["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"];

    /// <summary>The <c>@flytekit.task</c> def replacing <c>variable = Echo(...)</c>, or null when the call has more than a name and literal inputs.</summary>
    public static string? Function(PythonModule module, string variable, CallSyntax call)
    {
        if (call.Arguments.Count > 1 || call.Arguments.Any(a => a.Is("Starred")) || call.Keywords.Any(k => k.Name is not ("name" or "inputs"))
            || (call.Arguments.Count == 1 && call.Keyword("name") is not null)
            || call.Keyword("inputs")?.Value is not { Kind: "Dict" } inputs)
        {
            return null;
        }

        var names = new List<string>();
        var types = new List<string>();
        foreach (var (key, value) in inputs.Children("keys").Zip(inputs.Children("values")))
        {
            if (ConstantSyntax.StringValue(key) is not { } name || !Identifier().IsMatch(name) || Keywords.Contains(name) || names.Contains(name))
            {
                return null;
            }

            names.Add(name);
            types.Add(module.GetText(value));
        }

        if (names.Count == 0)
        {
            return null;
        }

        var nl = module.NewLine;
        var returns = names.Count == 1 ? types[0] : $"tuple[{string.Join(", ", types)}]";
        var signature = string.Join(", ", names.Zip(types, (n, t) => $"{n}: {t}"));
        return $"@flytekit.task{nl}def {variable}({signature}) -> {returns}:{nl}{SourceText.IndentUnit(module)}return {string.Join(", ", names)}";
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
