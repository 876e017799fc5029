using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Tests.Property;

/// <summary>
/// Insertions that leave the syntax tree as it was: comments and blank lines inside calls and between
/// decorators, parenthesised and backslash continuations, trailing commas in decorator calls, and probe
/// comment lines between top-level statements (which no rule has any reason to touch).
/// </summary>
internal sealed class LayoutInsertions(PythonModule module, Random random)
{
    private readonly List<TextEdit> _edits = [];
    private readonly HashSet<int> _used = [];
    private readonly string _newLine = module.NewLine;

    /// <summary>Comment texts inserted inside calls; each must still be somewhere in the output.</summary>
    public List<string> Comments { get; } = [];

    /// <summary>Whole lines (with their line break) inserted between top-level statements; each must be in the output unchanged, in order.</summary>
    public List<string> Probes { get; } = [];

    public IReadOnlyList<TextEdit> Build()
    {
        foreach (var call in SourceSites.Nodes(module, "Call"))
        {
            InsideCall(call);
        }

        foreach (var decorated in module.Root.Descendants().Where(n => n.Kind is "FunctionDef" or "AsyncFunctionDef" or "ClassDef"))
        {
            BetweenDecorators(decorated);
        }

        foreach (var statement in SourceSites.Nodes(module, "Assign").Concat(SourceSites.Nodes(module, "Return")))
        {
            if (statement.Child("value") is { HasPosition: true } value)
            {
                Continuation(statement, value);
            }
        }

        foreach (var import in SourceSites.Nodes(module, "ImportFrom"))
        {
            foreach (var alias in import.Children("names").Where(a => a.HasPosition && Chance(4)))
            {
                Insert(alias.Span.Start, " \\" + _newLine + "    ");
            }
        }

        ProbesBetweenStatements();
        return _edits;
    }

    private void InsideCall(SyntaxNode call)
    {
        var arguments = SourceSites.Arguments(call);
        var indent = SourceSites.Indentation(module, call.Span.Start) + "    ";
        var open = call.Child("func") is { } func ? module.Text.IndexOf('(', func.Span.End) : -1;
        if (open > 0 && open < call.Span.End && Chance(4))
        {
            Insert(open + 1, "  " + Comment() + _newLine + indent);
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (i > 0)
            {
                switch (random.Next(8))
                {
                    case 0:
                        Insert(argument.Span.Start, _newLine + indent + Comment() + _newLine + indent);
                        break;
                    case 1:
                        Insert(argument.Span.Start, _newLine + _newLine + indent);
                        break;
                    case 2:
                        Insert(argument.Span.Start, "\\" + _newLine + indent);
                        break;
                }
            }

            if (argument.Is("keyword") && argument.Scalar("arg") is not null && argument.Child("value") is { HasPosition: true } value && Chance(6))
            {
                Wrap(value, indent);
            }
        }

        var isDecorator = call.ParentField == "decorator_list";
        if (isDecorator && arguments.Count > 0 && Chance(2))
        {
            var last = arguments[^1];
            var rest = module.Text[last.Span.End..(call.Span.End - 1)].TrimStart();
            if (!rest.StartsWith(',') && !last.Is("GeneratorExp"))
            {
                Insert(last.Span.End, ",");
            }
        }
    }

    private void BetweenDecorators(SyntaxNode definition)
    {
        var decorators = definition.Children("decorator_list");
        for (var i = 1; i <= decorators.Count; i++)
        {
            var at = i < decorators.Count ? decorators[i].Span.Start - 1 : definition.Span.Start;
            if (at <= 0 || !SourceSites.StartsLine(module, at) || !Chance(4))
            {
                continue;
            }

            var lineStart = module.Lines.LineStart(module.Lines.LineOf(at));
            Insert(lineStart, random.Next(2) == 0 ? SourceSites.Indentation(module, at) + Comment() + _newLine : _newLine);
        }
    }

    private void Continuation(SyntaxNode statement, SyntaxNode value)
    {
        var indent = SourceSites.Indentation(module, statement.Span.Start) + "    ";
        switch (random.Next(6))
        {
            case 0:
                Insert(value.Span.Start, "\\" + _newLine + indent);
                break;
            case 1 when !value.Is("Starred"):
                Wrap(value, indent);
                break;
        }
    }

    private void Wrap(SyntaxNode value, string indent)
    {
        if (_used.Contains(value.Span.Start) || _used.Contains(value.Span.End))
        {
            return;
        }

        Insert(value.Span.Start, "(" + _newLine + indent);
        Insert(value.Span.End, _newLine + indent[..Math.Max(0, indent.Length - 4)] + ")");
    }

    private void ProbesBetweenStatements()
    {
        foreach (var statement in module.Body)
        {
            var start = statement.Children("decorator_list").Select(d => d.Span.Start - 1).Append(statement.Span.Start).Min();
            var line = module.Lines.LineOf(start);
            if (line <= 2 || module.Lines.LineStart(line) != start || !Chance(3))
            {
                continue;
            }

            var probe = $"# probe {Probes.Count}: ünïcode ✓ — keep this line{_newLine}";
            Probes.Add(probe);
            Insert(start, probe + (random.Next(2) == 0 ? _newLine : string.Empty));
        }
    }

    private string Comment()
    {
        var text = $"# note {Comments.Count} — ça, 注释";
        Comments.Add(text);
        return text;
    }

    private bool Chance(int oneIn) => random.Next(oneIn) == 0;

    private void Insert(int position, string text)
    {
        if (_used.Add(position))
        {
            _edits.Add(TextEdit.Insert(position, text));
        }
    }
}
