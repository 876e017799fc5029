using System.Runtime.CompilerServices;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Python 3.11's statement grammar over the module's tokens, building on <see cref="ExpressionParser"/>. Statements span
/// from their first token to the last one that is not a NEWLINE, INDENT or DEDENT; a decorated definition starts at
/// <c>def</c>/<c>class</c>/<c>async</c>. Match statements are not reproduced.
/// </summary>
internal sealed class StatementParser(TokenCursor cursor, ExpressionParser expressions)
{
    private readonly NodeListPool _lists = expressions.Lists;

    private static UnsupportedSourceException Fail(string reason) => new(reason);

    private SyntaxNode Node(string kind, int startToken, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        SyntaxNodeBuilder.Node(kind, cursor.StartOf(startToken), cursor.LastEnd(), fields);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Module()
    {
        var body = _lists.Rent();
        while (!cursor.AtKind(TokenKind.EndMarker))
        {
            Statement(body);
        }

        return SyntaxNodeBuilder.Positionless("Module", ("body", body), ("type_ignores", null));
    }

    /// <summary>Lines that hold only decorators (<c>@</c> expression NEWLINE, as many as there are) and comments: the decorator
    /// expressions, made as <see cref="Statement"/> makes them before a definition.</summary>
    public SyntaxNode[] Decorators()
    {
        var decorators = new List<SyntaxNode>();
        while (cursor.Accept("@"))
        {
            decorators.Add(expressions.NamedExpression());
            cursor.Expect(TokenKind.Newline);
        }

        cursor.Expect(TokenKind.EndMarker);
        return [.. decorators];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Statement(List<SyntaxNode?> body)
    {
        var token = cursor.Current;
        // Compound statements start with a reserved word, or with the soft keyword `match`.
        if (token.Kind == TokenKind.Name && (token.Reserved || token.Text == "match"))
        {
            switch (token.Text)
            {
                case "def":
                case "class":
                    body.Add(Definition(_lists.Rent()));
                    return;
                case "if":
                    body.Add(If());
                    return;
                case "while":
                    body.Add(While());
                    return;
                case "for":
                    body.Add(For(cursor.Position));
                    return;
                case "with":
                    body.Add(With(cursor.Position));
                    return;
                case "try":
                    body.Add(Try());
                    return;
                case "async":
                    var start = cursor.Position;
                    var next = cursor.PeekAt(1);
                    if (next.Is("def"))
                    {
                        body.Add(Definition(_lists.Rent()));
                    }
                    else if (next.Is("for"))
                    {
                        cursor.Next();
                        body.Add(For(start));
                    }
                    else if (next.Is("with"))
                    {
                        cursor.Next();
                        body.Add(With(start));
                    }
                    else
                    {
                        throw Fail("invalid syntax after async");
                    }

                    return;
                case "match" when LooksLikeMatchStatement():
                    throw Fail("match statements are not parsed in process");
            }
        }
        else if (token.Is("@"))
        {
            var decorators = _lists.Rent();
            while (cursor.Accept("@"))
            {
                decorators.Add(expressions.NamedExpression());
                cursor.Expect(TokenKind.Newline);
            }

            body.Add(Definition(decorators));
            return;
        }

        SimpleStatements(body);
    }

    // A logical line starting with the soft keyword `match` and ending with ':' can only be a match statement.
    private bool LooksLikeMatchStatement()
    {
        for (var ahead = 1; ; ahead++)
        {
            var token = cursor.PeekAt(ahead);
            if (token.Kind is TokenKind.Newline or TokenKind.EndMarker)
            {
                return cursor.PeekAt(ahead - 1).Is(":");
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SimpleStatements(List<SyntaxNode?> body)
    {
        while (true)
        {
            body.Add(SimpleStatement());
            if (!cursor.Accept(";") || cursor.AtKind(TokenKind.Newline))
            {
                break;
            }
        }

        cursor.Expect(TokenKind.Newline);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<SyntaxNode?> Block()
    {
        var body = _lists.Rent();
        if (!cursor.AtKind(TokenKind.Newline))
        {
            SimpleStatements(body);
            return body;
        }

        cursor.Next();
        cursor.Expect(TokenKind.Indent);
        while (!cursor.AtKind(TokenKind.Dedent))
        {
            Statement(body);
        }

        cursor.Next();
        return body;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode SimpleStatement()
    {
        var start = cursor.Position;
        var token = cursor.Current;
        if (token.Reserved)
        {
            switch (token.Text)
            {
                case "pass":
                    cursor.Next();
                    return Node("Pass", start);
                case "break":
                    cursor.Next();
                    return Node("Break", start);
                case "continue":
                    cursor.Next();
                    return Node("Continue", start);
                case "return":
                    cursor.Next();
                    var value = expressions.CanStartExpression() ? expressions.StarExpressions() : null;
                    return Node("Return", start, ("value", value));
                case "raise":
                    cursor.Next();
                    SyntaxNode? exception = null, cause = null;
                    if (expressions.CanStartExpression())
                    {
                        exception = expressions.Expression();
                        if (cursor.Accept("from"))
                        {
                            cause = expressions.Expression();
                        }
                    }

                    return Node("Raise", start, ("exc", exception), ("cause", cause));
                case "global" or "nonlocal":
                    cursor.Next();
                    var names = new List<string>();
                    do
                    {
                        names.Add(Identifier());
                    }
                    while (cursor.Accept(","));
                    return Node(token.Text == "global" ? "Global" : "Nonlocal", start, ("names", names));
                case "del":
                    return Delete(start);
                case "assert":
                    cursor.Next();
                    var test = expressions.Expression();
                    var message = cursor.Accept(",") ? expressions.Expression() : null;
                    return Node("Assert", start, ("test", test), ("msg", message));
                case "import":
                    return Import(start);
                case "from":
                    return ImportFrom(start);
            }
        }

        return ExpressionStatement(start);
    }

    private string Identifier()
    {
        var token = cursor.Next();
        return Keywords.IsIdentifier(token) ? token.Text : throw Fail("identifier expected");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Delete(int start)
    {
        cursor.Next();
        var targets = _lists.Rent();
        do
        {
            if (!expressions.CanStartExpression() || cursor.At("*"))
            {
                break;
            }

            targets.Add(Targets.Delete(expressions.Primary(), expressions.Leaves));
        }
        while (cursor.Accept(","));
        if (targets.Count == 0 || !(cursor.AtKind(TokenKind.Newline) || cursor.At(";")))
        {
            throw Fail("invalid del statement");
        }

        return Node("Delete", start, ("targets", targets));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Import(int start)
    {
        cursor.Next();
        var names = _lists.Rent();
        do
        {
            names.Add(Alias(dotted: true));
        }
        while (cursor.Accept(","));
        return Node("Import", start, ("names", names));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Alias(bool dotted)
    {
        var start = cursor.Position;
        var name = Identifier();
        while (dotted && cursor.Accept("."))
        {
            name += "." + Identifier();
        }

        var asName = cursor.Accept("as") ? Identifier() : null;
        return Node("alias", start, ("name", name), ("asname", asName));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode ImportFrom(int start)
    {
        cursor.Next();
        var level = 0;
        while (true)
        {
            if (cursor.Accept("."))
            {
                level++;
            }
            else if (cursor.Accept("..."))
            {
                level += 3;
            }
            else
            {
                break;
            }
        }

        string? module = null;
        if (!cursor.At("import"))
        {
            module = Identifier();
            while (cursor.Accept("."))
            {
                module += "." + Identifier();
            }
        }
        else if (level == 0)
        {
            throw Fail("module name expected");
        }

        cursor.Expect("import");
        var names = _lists.Rent();
        if (cursor.At("*"))
        {
            var star = cursor.Position;
            cursor.Next();
            names.Add(Node("alias", star, ("name", "*"), ("asname", null)));
        }
        else if (cursor.Accept("("))
        {
            do
            {
                if (cursor.At(")") && names.Count > 0)
                {
                    break;
                }

                names.Add(Alias(dotted: false));
            }
            while (cursor.Accept(","));
            cursor.Expect(")");
        }
        else
        {
            do
            {
                names.Add(Alias(dotted: false));
            }
            while (cursor.Accept(","));
        }

        return Node("ImportFrom", start, ("module", module), ("names", names), ("level", level.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode ExpressionStatement(int start)
    {
        var first = RightHandSide();
        if (cursor.At("="))
        {
            var targets = _lists.Rent(first);
            SyntaxNode value;
            while (true)
            {
                cursor.Expect("=");
                value = RightHandSide();
                if (!cursor.At("="))
                {
                    break;
                }

                targets.Add(value);
            }

            foreach (var target in targets)
            {
                if (target!.Kind is "Yield" or "YieldFrom")
                {
                    throw Fail("assignment to yield expression not possible");
                }

                Targets.Store(target, expressions.Leaves);
            }

            return Node("Assign", start, ("targets", targets), ("value", value));
        }

        if (cursor.At(":"))
        {
            if (first.Kind is not ("Name" or "Attribute" or "Subscript"))
            {
                throw Fail("illegal target for annotation");
            }

            var simple = first.Kind == "Name" && !first.Parenthesized ? "1" : "0";
            Targets.Store(first, expressions.Leaves);
            cursor.Next();
            var annotation = expressions.Expression();
            var value = cursor.Accept("=") ? RightHandSide() : null;
            return Node("AnnAssign", start, ("target", first), ("annotation", annotation), ("value", value), ("simple", simple));
        }

        if (AugmentedOperator(cursor.Current) is { } op)
        {
            Targets.Single(first, expressions.Leaves);
            cursor.Next();
            var value = RightHandSide();
            return Node("AugAssign", start, ("target", first), ("op", op), ("value", value));
        }

        return Node("Expr", start, ("value", first));
    }

    private SyntaxNode RightHandSide() => cursor.At("yield") ? expressions.Yield() : expressions.StarExpressions();

    private static string? AugmentedOperator(Token token) => token.Kind != TokenKind.Operator ? null : token.Text switch
    {
        "+=" => "Add",
        "-=" => "Sub",
        "*=" => "Mult",
        "@=" => "MatMult",
        "/=" => "Div",
        "%=" => "Mod",
        "&=" => "BitAnd",
        "|=" => "BitOr",
        "^=" => "BitXor",
        "<<=" => "LShift",
        ">>=" => "RShift",
        "**=" => "Pow",
        "//=" => "FloorDiv",
        _ => null,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Definition(List<SyntaxNode?> decorators)
    {
        var start = cursor.Position;
        if (cursor.Accept("class"))
        {
            var className = Identifier();
            List<SyntaxNode?>? bases = null, keywords = null;
            if (cursor.At("("))
            {
                (bases, keywords) = expressions.CallArguments(allowGenerator: false);
            }

            cursor.Expect(":");
            var classBody = Block();
            return Node("ClassDef", start, ("name", className), ("bases", bases), ("keywords", keywords), ("body", classBody), ("decorator_list", decorators));
        }

        var isAsync = cursor.Accept("async");
        cursor.Expect("def");
        var name = Identifier();
        cursor.Expect("(");
        var arguments = expressions.Parameters(lambda: false);
        cursor.Expect(")");
        var returns = cursor.Accept("->") ? expressions.Expression() : null;
        cursor.Expect(":");
        var body = Block();
        return Node(isAsync ? "AsyncFunctionDef" : "FunctionDef", start, ("name", name), ("args", arguments), ("body", body), ("decorator_list", decorators), ("returns", returns));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode If()
    {
        var start = cursor.Position;
        cursor.Next();
        var test = expressions.NamedExpression();
        cursor.Expect(":");
        var body = Block();
        List<SyntaxNode?>? orElse = null;
        if (cursor.At("elif"))
        {
            orElse = _lists.Rent(If());
        }
        else if (cursor.Accept("else"))
        {
            cursor.Expect(":");
            orElse = Block();
        }

        return Node("If", start, ("test", test), ("body", body), ("orelse", orElse));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode While()
    {
        var start = cursor.Position;
        cursor.Next();
        var test = expressions.NamedExpression();
        cursor.Expect(":");
        var body = Block();
        var orElse = ElseBlock();
        return Node("While", start, ("test", test), ("body", body), ("orelse", orElse));
    }

    private List<SyntaxNode?>? ElseBlock()
    {
        if (!cursor.Accept("else"))
        {
            return null;
        }

        cursor.Expect(":");
        return Block();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode For(int start)
    {
        var isAsync = cursor.StartOf(start) != cursor.Current.Start;
        cursor.Expect("for");
        var target = expressions.StarTargets();
        cursor.Expect("in");
        var iterable = expressions.StarExpressions();
        cursor.Expect(":");
        var body = Block();
        var orElse = ElseBlock();
        return Node(isAsync ? "AsyncFor" : "For", start, ("target", target), ("iter", iterable), ("body", body), ("orelse", orElse));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode With(int start)
    {
        var isAsync = cursor.StartOf(start) != cursor.Current.Start;
        cursor.Expect("with");
        List<SyntaxNode?>? items = null;
        if (cursor.At("("))
        {
            var saved = cursor.Position;
            try
            {
                cursor.Next();
                items = _lists.Rent();
                do
                {
                    if (cursor.At(")") && items.Count > 0)
                    {
                        break;
                    }

                    items.Add(WithItem());
                }
                while (cursor.Accept(","));
                cursor.Expect(")");
                cursor.Expect(":");
            }
            catch (UnsupportedSourceException)
            {
                cursor.Position = saved;
                items = null;
            }
        }

        if (items is null)
        {
            items = _lists.Rent();
            do
            {
                items.Add(WithItem());
            }
            while (cursor.Accept(","));
            cursor.Expect(":");
        }

        var body = Block();
        return Node(isAsync ? "AsyncWith" : "With", start, ("items", items), ("body", body));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode WithItem()
    {
        var context = expressions.Expression();
        SyntaxNode? target = null;
        if (cursor.Accept("as"))
        {
            target = Targets.Store(expressions.StarTarget(), expressions.Leaves);
            if (!(cursor.At(",") || cursor.At(")") || cursor.At(":")))
            {
                throw Fail("invalid with item");
            }
        }

        return SyntaxNodeBuilder.Positionless("withitem", ("context_expr", context), ("optional_vars", target));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Try()
    {
        var start = cursor.Position;
        cursor.Next();
        cursor.Expect(":");
        var body = Block();
        var handlers = _lists.Rent();
        bool? star = null;
        var sawBare = false;
        while (cursor.At("except"))
        {
            var handlerStart = cursor.Position;
            cursor.Next();
            var isStar = cursor.Accept("*");
            if (star is { } previous && previous != isStar)
            {
                throw Fail("cannot have both 'except' and 'except*' on the same 'try'");
            }

            star = isStar;
            if (sawBare)
            {
                throw Fail("default 'except:' must be last");
            }

            SyntaxNode? type = null;
            string? name = null;
            if (!cursor.At(":"))
            {
                type = expressions.Expression();
                if (cursor.Accept("as"))
                {
                    name = Identifier();
                }
            }
            else if (isStar)
            {
                throw Fail("expected one or more exception types");
            }
            else
            {
                sawBare = true;
            }

            cursor.Expect(":");
            var handlerBody = Block();
            handlers.Add(Node("ExceptHandler", handlerStart, ("type", type), ("name", name), ("body", handlerBody)));
        }

        var orElse = handlers.Count > 0 ? ElseBlock() : null;
        List<SyntaxNode?>? final = null;
        if (cursor.Accept("finally"))
        {
            cursor.Expect(":");
            final = Block();
        }

        if (handlers.Count == 0 && final is null)
        {
            throw Fail("expected 'except' or 'finally' block");
        }

        return Node(star == true ? "TryStar" : "Try", start, ("body", body), ("handlers", handlers), ("orelse", orElse), ("finalbody", final));
    }
}
