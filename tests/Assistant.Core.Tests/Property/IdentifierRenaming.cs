using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Property;

/// <summary>
/// Renames the module's own names (functions, classes, parameters, assigned variables) consistently,
/// often to non-ASCII identifiers; imported names, methods, attributes and dunders stay as they are.
/// </summary>
internal static class IdentifierRenaming
{
    private static readonly string[] Suffixes = ["ü", "名前", "Ωx", "v2", "é_1", "ß", "x"];

    public static IEnumerable<TextEdit> Edits(PythonModule module, Random random)
    {
        var names = Candidates(module);
        var renamed = names.Where(_ => random.Next(2) == 0).ToDictionary(n => n, n => n + "_" + Suffixes[random.Next(Suffixes.Length)], StringComparer.Ordinal);
        if (renamed.Count == 0)
        {
            return [];
        }

        var edits = new List<TextEdit>();
        foreach (var node in module.Root.Descendants(n => !n.Is("JoinedStr")).Where(n => n.HasPosition))
        {
            var name = node.Kind switch
            {
                "Name" => node.Scalar("id"),
                "arg" => node.Scalar("arg"),
                "keyword" when node.Parent is { } call && call.Child("func") is { Kind: "Name" } f && renamed.ContainsKey(f.Scalar("id")!) => node.Scalar("arg"),
                "FunctionDef" or "AsyncFunctionDef" or "ClassDef" => node.Scalar("name"),
                _ => null,
            };
            if (name is null || !renamed.TryGetValue(name, out var replacement))
            {
                continue;
            }

            var start = node.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef" ? NameAfterKeyword(module.Text, node) : node.Span.Start;
            if (start >= 0 && string.CompareOrdinal(module.Text, start, name, 0, name.Length) == 0)
            {
                edits.Add(TextEdit.Replace(TextSpan.FromLength(start, name.Length), replacement));
            }
        }

        return edits;
    }

    private static HashSet<string> Candidates(PythonModule module)
    {
        var imported = module.Imports().SelectMany(i => i.Names).Select(n => n.BoundName).ToHashSet(StringComparer.Ordinal);
        var attributes = module.Root.Descendants().Where(n => n.Is("Attribute")).Select(n => n.Scalar("attr")!).ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in module.Root.Descendants(n => !n.Is("ClassDef") && !n.Is("JoinedStr")))
        {
            switch (node.Kind)
            {
                case "FunctionDef" or "AsyncFunctionDef" or "ClassDef":
                    names.Add(node.Scalar("name")!);
                    break;
                case "arg":
                    names.Add(node.Scalar("arg")!);
                    break;
                case "Name" when node.Scalar("ctx") == "Store":
                    names.Add(node.Scalar("id")!);
                    break;
            }
        }

        names.RemoveWhere(n => imported.Contains(n) || attributes.Contains(n) || n.StartsWith("__", StringComparison.Ordinal) || n is "self" or "cls" or "_");
        return names;
    }

    private static int NameAfterKeyword(string text, SyntaxNode node)
    {
        var keyword = node.Is("ClassDef") ? "class" : "def";
        var at = text.IndexOf(keyword, node.Span.Start, StringComparison.Ordinal);
        if (at < 0)
        {
            return -1;
        }

        at += keyword.Length;
        while (at < text.Length && text[at] is ' ' or '\t')
        {
            at++;
        }

        return at;
    }
}
