using System.Runtime.CompilerServices;

namespace Assistant.Core.Python.Parsing;

/// <summary>
/// Python 3.11's expression grammar by recursive descent over a <see cref="TokenCursor"/>. Every node spans from the
/// first to the last token its grammar rule consumed, as CPython's EXTRA does (so <c>(a) + b</c> starts at the
/// parenthesis, while a parenthesised <c>(a)</c> alone keeps the name's span).
/// </summary>
internal sealed class ExpressionParser(TokenCursor cursor, string text)
{
    private const string Load = "Load";

    // CPython's own recursion limits are far above what real code nests; past this depth the worker decides.
    private const int MaxNesting = 300;

    private int _nesting;

    public TokenCursor Cursor => cursor;

    public string Text => text;

    private static UnsupportedSourceException Fail(string reason) => new(reason);

    private ParseNode Node(string kind, int startToken, params (string, object?)[] fields) =>
        new(kind, cursor.StartOf(startToken), cursor.LastEnd(), true, fields);

    /// <summary>star_expressions: a tuple when there is a comma.</summary>
    public ParseNode StarExpressions()
    {
        var start = cursor.Position;
        var first = StarExpression();
        if (!cursor.At(","))
        {
            return first;
        }

        var elements = new List<ParseNode?> { first };
        while (cursor.Accept(","))
        {
            if (!CanStartExpression())
            {
                break;
            }

            elements.Add(StarExpression());
        }

        return Node("Tuple", start, ("elts", elements), ("ctx", Load));
    }

    public ParseNode StarExpression() => cursor.At("*") ? Starred(StarredOperand.BitwiseOr) : Expression();

    public ParseNode StarNamedExpression() => cursor.At("*") ? Starred(StarredOperand.BitwiseOr) : NamedExpression();

    private enum StarredOperand
    {
        BitwiseOr,
        Expression,
        Target,
    }

    private ParseNode Starred(StarredOperand operand)
    {
        var start = cursor.Position;
        cursor.Expect("*");
        var value = operand switch
        {
            StarredOperand.BitwiseOr => BitwiseOr(),
            StarredOperand.Expression => Expression(),
            _ => StarTarget(),
        };
        return Node("Starred", start, ("value", value), ("ctx", Load));
    }

    /// <summary>named_expression: NAME ':=' expression, or an expression not followed by ':='.</summary>
    public ParseNode NamedExpression()
    {
        var start = cursor.Position;
        if (Keywords.IsIdentifier(cursor.Current) && cursor.PeekAt(1).Is(":="))
        {
            var name = cursor.Next();
            var target = new ParseNode("Name", name.Start, name.End, true, ("id", name.Text), ("ctx", "Store"));
            cursor.Expect(":=");
            var value = Expression();
            return Node("NamedExpr", start, ("target", target), ("value", value));
        }

        var expression = Expression();
        if (cursor.At(":="))
        {
            throw Fail("invalid assignment expression target");
        }

        return expression;
    }

    public ParseNode Expression()
    {
        Enter();
        try
        {
            return cursor.At("lambda") ? Lambda() : ConditionalExpression();
        }
        finally
        {
            _nesting--;
        }
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail("deeply nested expression");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    private ParseNode ConditionalExpression()
    {

        var start = cursor.Position;
        var body = Disjunction();
        if (!cursor.Accept("if"))
        {
            return body;
        }

        var test = Disjunction();
        cursor.Expect("else");
        var orElse = Expression();
        return Node("IfExp", start, ("test", test), ("body", body), ("orelse", orElse));
    }

    private ParseNode Lambda()
    {
        var start = cursor.Position;
        cursor.Expect("lambda");
        var arguments = Parameters(lambda: true);
        cursor.Expect(":");
        var body = Expression();
        return Node("Lambda", start, ("args", arguments), ("body", body));
    }

    public ParseNode Disjunction()
    {
        var start = cursor.Position;
        var first = Conjunction();
        if (!cursor.At("or"))
        {
            return first;
        }

        var values = new List<ParseNode?> { first };
        while (cursor.Accept("or"))
        {
            values.Add(Conjunction());
        }

        return Node("BoolOp", start, ("op", "Or"), ("values", values));
    }

    private ParseNode Conjunction()
    {
        var start = cursor.Position;
        var first = Inversion();
        if (!cursor.At("and"))
        {
            return first;
        }

        var values = new List<ParseNode?> { first };
        while (cursor.Accept("and"))
        {
            values.Add(Inversion());
        }

        return Node("BoolOp", start, ("op", "And"), ("values", values));
    }

    private ParseNode Inversion()
    {
        var start = cursor.Position;
        if (cursor.Accept("not"))
        {
            Enter();
            var operand = Inversion();
            _nesting--;
            return Node("UnaryOp", start, ("op", "Not"), ("operand", operand));
        }

        return Comparison();
    }

    private ParseNode Comparison()
    {
        var start = cursor.Position;
        var left = BitwiseOr();
        List<string>? ops = null;
        List<ParseNode?>? comparators = null;
        while (CompareOperator() is { } op)
        {
            (ops ??= []).Add(op);
            (comparators ??= []).Add(BitwiseOr());
        }

        return ops is null ? left : Node("Compare", start, ("left", left), ("ops", ops), ("comparators", comparators));
    }

    private string? CompareOperator()
    {
        var token = cursor.Current;
        if (token.Kind == TokenKind.Operator)
        {
            var op = token.Text switch
            {
                "==" => "Eq",
                "!=" => "NotEq",
                "<" => "Lt",
                "<=" => "LtE",
                ">" => "Gt",
                ">=" => "GtE",
                _ => null,
            };
            if (op is not null)
            {
                cursor.Next();
            }

            return op;
        }

        if (token.Is("in"))
        {
            cursor.Next();
            return "In";
        }

        if (token.Is("not") && cursor.PeekAt(1).Is("in"))
        {
            cursor.Next();
            cursor.Next();
            return "NotIn";
        }

        if (token.Is("is"))
        {
            cursor.Next();
            return cursor.Accept("not") ? "IsNot" : "Is";
        }

        return null;
    }

    public ParseNode BitwiseOr() => Binary(0);

    // Binary operators by precedence, loosest first: | ^ & shifts sums terms, then unary factors.
    private ParseNode Binary(int level)
    {
        if (level == 6)
        {
            return Factor();
        }

        var start = cursor.Position;
        var left = Binary(level + 1);
        while (cursor.Current.Kind == TokenKind.Operator && BinaryOperator(level, cursor.Current.Text) is { } op)
        {
            cursor.Next();
            var right = Binary(level + 1);
            left = Node("BinOp", start, ("left", left), ("op", op), ("right", right));
        }

        return left;
    }

    private static string? BinaryOperator(int level, string text) => level switch
    {
        0 => text == "|" ? "BitOr" : null,
        1 => text == "^" ? "BitXor" : null,
        2 => text == "&" ? "BitAnd" : null,
        3 => text switch { "<<" => "LShift", ">>" => "RShift", _ => null },
        4 => text switch { "+" => "Add", "-" => "Sub", _ => null },
        _ => text switch
        {
            "*" => "Mult",
            "/" => "Div",
            "//" => "FloorDiv",
            "%" => "Mod",
            "@" => "MatMult",
            _ => null,
        },
    };

    private ParseNode Factor()
    {
        var start = cursor.Position;
        var token = cursor.Current;
        if (token.Kind == TokenKind.Operator && token.Text is "+" or "-" or "~")
        {
            cursor.Next();
            Enter();
            var operand = Factor();
            _nesting--;
            var op = token.Text switch { "+" => "UAdd", "-" => "USub", _ => "Invert" };
            return Node("UnaryOp", start, ("op", op), ("operand", operand));
        }

        return Power();
    }

    private ParseNode Power()
    {
        var start = cursor.Position;
        var left = AwaitPrimary();
        if (!cursor.Accept("**"))
        {
            return left;
        }

        var right = Factor();
        return Node("BinOp", start, ("left", left), ("op", "Pow"), ("right", right));
    }

    private ParseNode AwaitPrimary()
    {
        var start = cursor.Position;
        if (cursor.Accept("await"))
        {
            var value = Primary();
            return Node("Await", start, ("value", value));
        }

        return Primary();
    }

    /// <summary>primary: an atom followed by attribute accesses, calls and subscripts.</summary>
    public ParseNode Primary()
    {
        var start = cursor.Position;
        var node = Atom();
        while (true)
        {
            if (cursor.Accept("."))
            {
                var name = cursor.Next();
                if (!Keywords.IsIdentifier(name))
                {
                    throw Fail("attribute name expected");
                }

                node = Node("Attribute", start, ("value", node), ("attr", name.Text), ("ctx", Load));
            }
            else if (cursor.At("("))
            {
                var (args, keywords) = CallArguments(allowGenerator: true);
                node = Node("Call", start, ("func", node), ("args", args), ("keywords", keywords));
            }
            else if (cursor.Accept("["))
            {
                var slice = Slices();
                cursor.Expect("]");
                node = Node("Subscript", start, ("value", node), ("slice", slice), ("ctx", Load));
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>'(' arguments ')' of a call or class definition: positional (and starred) arguments, keywords.</summary>
    public (List<ParseNode?> Args, List<ParseNode?> Keywords) CallArguments(bool allowGenerator)
    {
        var open = cursor.Position;
        cursor.Expect("(");
        var args = new List<ParseNode?>();
        var keywords = new List<ParseNode?>();
        var sawKeyword = false;
        var sawDoubleStar = false;
        while (!cursor.At(")"))
        {
            var start = cursor.Position;
            if (cursor.Accept("*"))
            {
                if (sawDoubleStar)
                {
                    throw Fail("iterable argument unpacking follows keyword argument unpacking");
                }

                var value = Expression();
                args.Add(Node("Starred", start, ("value", value), ("ctx", Load)));
            }
            else if (cursor.Accept("**"))
            {
                var value = Expression();
                keywords.Add(Node("keyword", start, ("arg", null), ("value", value)));
                sawDoubleStar = true;
            }
            else if (cursor.Current.Kind == TokenKind.Name && cursor.PeekAt(1).Is("="))
            {
                var name = cursor.Next();
                if (!Keywords.IsIdentifier(name))
                {
                    throw Fail("keyword argument name expected");
                }

                cursor.Expect("=");
                var value = Expression();
                keywords.Add(Node("keyword", start, ("arg", name.Text), ("value", value)));
                sawKeyword = true;
            }
            else
            {
                if (sawKeyword || sawDoubleStar)
                {
                    throw Fail("positional argument follows keyword argument");
                }

                var value = NamedExpression();
                if (AtComprehension())
                {
                    if (!allowGenerator || args.Count > 0 || keywords.Count > 0)
                    {
                        throw Fail("generator expression must be parenthesized");
                    }

                    var generators = Generators();
                    cursor.Expect(")");
                    args.Add(Node("GeneratorExp", open, ("elt", value), ("generators", generators)));
                    return (args, keywords);
                }

                args.Add(value);
            }

            if (!cursor.Accept(","))
            {
                break;
            }
        }

        cursor.Expect(")");
        return (args, keywords);
    }

    private bool AtComprehension() => cursor.At("for") || (cursor.At("async") && cursor.PeekAt(1).Is("for"));

    /// <summary>for_if_clauses: one comprehension per (async) for, with its conditions.</summary>
    private List<ParseNode?> Generators()
    {
        var generators = new List<ParseNode?>();
        while (AtComprehension())
        {
            var isAsync = cursor.Accept("async");
            cursor.Expect("for");
            var target = StarTargets();
            cursor.Expect("in");
            var iterable = Disjunction();
            List<ParseNode?>? conditions = null;
            while (cursor.Accept("if"))
            {
                (conditions ??= []).Add(Disjunction());
            }

            generators.Add(new ParseNode("comprehension", 0, 0, false, ("target", target), ("iter", iterable), ("ifs", conditions), ("is_async", isAsync ? "1" : "0")));
        }

        return generators;
    }

    /// <summary>star_targets (for loops, comprehensions): validated and in the Store context.</summary>
    public ParseNode StarTargets()
    {
        var start = cursor.Position;
        var first = StarTarget();
        if (!cursor.At(","))
        {
            return Targets.Store(first);
        }

        var elements = new List<ParseNode?> { first };
        while (cursor.Accept(","))
        {
            if (!(cursor.At("*") || cursor.At("(") || cursor.At("[") || Keywords.IsIdentifier(cursor.Current)))
            {
                break;
            }

            elements.Add(StarTarget());
        }

        return Targets.Store(Node("Tuple", start, ("elts", elements), ("ctx", Load)));
    }

    /// <summary>star_target: '*' target or a primary; the caller validates it.</summary>
    public ParseNode StarTarget()
    {
        if (cursor.At("*"))
        {
            if (cursor.PeekAt(1).Is("*"))
            {
                throw Fail("invalid star target");
            }

            return Starred(StarredOperand.Target);
        }

        return Primary();
    }

    private ParseNode Slices()
    {
        var start = cursor.Position;
        var first = Slice();
        if (!cursor.At(",") && first.Kind != "Starred")
        {
            return first;
        }

        var elements = new List<ParseNode?> { first };
        while (cursor.Accept(","))
        {
            if (cursor.At("]"))
            {
                break;
            }

            elements.Add(Slice());
        }

        return Node("Tuple", start, ("elts", elements), ("ctx", Load));
    }

    private ParseNode Slice()
    {
        var start = cursor.Position;
        if (cursor.At("*"))
        {
            return Starred(StarredOperand.Expression);
        }

        ParseNode? lower = null;
        if (!cursor.At(":"))
        {
            lower = NamedExpression();
            if (!cursor.At(":"))
            {
                return lower;
            }

            if (lower.Kind == "NamedExpr" && !lower.Parenthesized)
            {
                throw Fail("invalid slice");
            }
        }

        cursor.Expect(":");
        var upper = cursor.At(":") || cursor.At("]") || cursor.At(",") ? null : Expression();
        ParseNode? step = null;
        if (cursor.Accept(":"))
        {
            step = cursor.At("]") || cursor.At(",") ? null : Expression();
        }

        return Node("Slice", start, ("lower", lower), ("upper", upper), ("step", step));
    }

    private ParseNode Atom()
    {
        var token = cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                cursor.Next();
                return token.Text switch
                {
                    "True" => Constant(token, "bool", "True"),
                    "False" => Constant(token, "bool", "False"),
                    "None" => Constant(token, "none", "None"),
                    _ when Keywords.IsReserved(token.Text) => throw Fail($"unexpected '{token.Text}'"),
                    _ => new ParseNode("Name", token.Start, token.End, true, ("id", token.Text), ("ctx", Load)),
                };
            case TokenKind.Number:
                cursor.Next();
                var (type, value) = NumberLiteral.Value(token.Text);
                return Constant(token, type, value);
            case TokenKind.String:
                return StringAtom();
            case TokenKind.Operator:
                switch (token.Text)
                {
                    case "(":
                        return Group();
                    case "[":
                        return ListDisplay();
                    case "{":
                        return BraceDisplay();
                    case "...":
                        cursor.Next();
                        return Constant(token, "ellipsis", "...");
                }

                break;
        }

        throw Fail($"unexpected '{token.Text}'");
    }

    private static ParseNode Constant(Token token, string type, string value) =>
        new("Constant", token.Start, token.End, true, ("vt", type), ("v", value));

    private ParseNode StringAtom()
    {
        var tokens = new List<Token>();
        while (cursor.AtKind(TokenKind.String))
        {
            tokens.Add(cursor.Next());
        }

        return StringConcatenation.Build(text, tokens);
    }

    private ParseNode Group()
    {
        var start = cursor.Position;
        cursor.Expect("(");
        if (cursor.Accept(")"))
        {
            return Node("Tuple", start, ("ctx", Load));
        }

        if (cursor.At("yield"))
        {
            var inner = Yield();
            cursor.Expect(")");
            inner.Parenthesized = true;
            return inner;
        }

        var first = StarNamedExpression();
        if (AtComprehension())
        {
            if (first.Kind == "Starred")
            {
                throw Fail("iterable unpacking cannot be used in comprehension");
            }

            var generators = Generators();
            cursor.Expect(")");
            return Node("GeneratorExp", start, ("elt", first), ("generators", generators));
        }

        if (cursor.At(","))
        {
            var elements = new List<ParseNode?> { first };
            while (cursor.Accept(","))
            {
                if (cursor.At(")"))
                {
                    break;
                }

                elements.Add(StarNamedExpression());
            }

            cursor.Expect(")");
            return Node("Tuple", start, ("elts", elements), ("ctx", Load));
        }

        cursor.Expect(")");
        if (first.Kind == "Starred")
        {
            throw Fail("cannot use starred expression here");
        }

        first.Parenthesized = true;
        return first;
    }

    private ParseNode ListDisplay()
    {
        var start = cursor.Position;
        cursor.Expect("[");
        if (cursor.Accept("]"))
        {
            return Node("List", start, ("ctx", Load));
        }

        var first = StarNamedExpression();
        if (AtComprehension())
        {
            if (first.Kind == "Starred")
            {
                throw Fail("iterable unpacking cannot be used in comprehension");
            }

            var generators = Generators();
            cursor.Expect("]");
            return Node("ListComp", start, ("elt", first), ("generators", generators));
        }

        var elements = ElementsAfter(first, "]");
        return Node("List", start, ("elts", elements), ("ctx", Load));
    }

    private List<ParseNode?> ElementsAfter(ParseNode first, string close)
    {
        var elements = new List<ParseNode?> { first };
        while (cursor.Accept(","))
        {
            if (cursor.At(close))
            {
                break;
            }

            elements.Add(StarNamedExpression());
        }

        cursor.Expect(close);
        return elements;
    }

    private ParseNode BraceDisplay()
    {
        var start = cursor.Position;
        cursor.Expect("{");
        if (cursor.Accept("}"))
        {
            return Node("Dict", start);
        }

        if (cursor.At("**"))
        {
            return DictItems(start, [], []);
        }

        if (cursor.At("*"))
        {
            var starred = StarNamedExpression();
            return Node("Set", start, ("elts", ElementsAfter(starred, "}")));
        }

        var first = NamedExpression();
        if (cursor.Accept(":"))
        {
            if (first.Kind == "NamedExpr" && !first.Parenthesized)
            {
                throw Fail("invalid dictionary key");
            }

            var value = Expression();
            if (AtComprehension())
            {
                var generators = Generators();
                cursor.Expect("}");
                return Node("DictComp", start, ("key", first), ("value", value), ("generators", generators));
            }

            if (!cursor.Accept(","))
            {
                cursor.Expect("}");
                return Node("Dict", start, ("keys", new List<ParseNode?> { first }), ("values", new List<ParseNode?> { value }));
            }

            return DictItems(start, [first], [value]);
        }

        if (AtComprehension())
        {
            var generators = Generators();
            cursor.Expect("}");
            return Node("SetComp", start, ("elt", first), ("generators", generators));
        }

        return Node("Set", start, ("elts", ElementsAfter(first, "}")));
    }

    // The rest of a dict display after `{` (and any first item and its comma).
    private ParseNode DictItems(int start, List<ParseNode?> keys, List<ParseNode?> values)
    {
        while (!cursor.At("}"))
        {
            if (cursor.Accept("**"))
            {
                keys.Add(null);
                values.Add(BitwiseOr());
            }
            else
            {
                keys.Add(Expression());
                cursor.Expect(":");
                values.Add(Expression());
            }

            if (!cursor.Accept(","))
            {
                break;
            }
        }

        cursor.Expect("}");
        return Node("Dict", start, ("keys", keys), ("values", values));
    }

    /// <summary>yield_expr: 'yield' 'from' expression, or 'yield' [star_expressions].</summary>
    public ParseNode Yield()
    {
        var start = cursor.Position;
        cursor.Expect("yield");
        if (cursor.Accept("from"))
        {
            var source = Expression();
            return Node("YieldFrom", start, ("value", source));
        }

        var value = CanStartExpression() ? StarExpressions() : null;
        return Node("Yield", start, ("value", value));
    }

    /// <summary>Whether the current token can begin an expression (or a starred one).</summary>
    public bool CanStartExpression()
    {
        var token = cursor.Current;
        return token.Kind switch
        {
            TokenKind.Number or TokenKind.String => true,
            TokenKind.Name => !Keywords.IsReserved(token.Text) || token.Text is "True" or "False" or "None" or "lambda" or "not" or "await",
            TokenKind.Operator => token.Text is "(" or "[" or "{" or "-" or "+" or "~" or "*" or "...",
            _ => false,
        };
    }

    /// <summary>The parameters of a def (inside its parentheses) or of a lambda (before its colon): an arguments node.</summary>
    public ParseNode Parameters(bool lambda)
    {
        var end = lambda ? ":" : ")";
        var positionalOnly = new List<ParseNode?>();
        var positional = new List<ParseNode?>();
        var defaults = new List<ParseNode?>();
        var keywordOnly = new List<ParseNode?>();
        var keywordDefaults = new List<ParseNode?>();
        ParseNode? varArg = null, kwArg = null;
        bool sawDefault = false, sawSlash = false, sawStar = false;
        while (!cursor.At(end))
        {
            if (cursor.Accept("/"))
            {
                if (sawSlash || sawStar || positional.Count == 0)
                {
                    throw Fail("invalid '/'");
                }

                positionalOnly.AddRange(positional);
                positional.Clear();
                sawSlash = true;
            }
            else if (cursor.Accept("**"))
            {
                kwArg = Parameter(lambda);
                cursor.Accept(",");
                if (!cursor.At(end))
                {
                    throw Fail("arguments cannot follow var-keyword argument");
                }

                break;
            }
            else if (cursor.Accept("*"))
            {
                if (sawStar)
                {
                    throw Fail("* argument may appear only once");
                }

                sawStar = true;
                if (!cursor.At(","))
                {
                    varArg = Parameter(lambda);
                }
            }
            else
            {
                var parameter = Parameter(lambda);
                if (cursor.Accept("="))
                {
                    var value = Expression();
                    if (sawStar)
                    {
                        keywordOnly.Add(parameter);
                        keywordDefaults.Add(value);
                    }
                    else
                    {
                        positional.Add(parameter);
                        defaults.Add(value);
                        sawDefault = true;
                    }
                }
                else if (sawStar)
                {
                    keywordOnly.Add(parameter);
                    keywordDefaults.Add(null);
                }
                else
                {
                    if (sawDefault)
                    {
                        throw Fail("non-default argument follows default argument");
                    }

                    positional.Add(parameter);
                }
            }

            if (!cursor.Accept(","))
            {
                break;
            }
        }

        if (sawStar && varArg is null && keywordOnly.Count == 0)
        {
            throw Fail("named arguments must follow bare *");
        }

        return new ParseNode("arguments", 0, 0, false, ("posonlyargs", positionalOnly), ("args", positional), ("vararg", varArg),
            ("kwonlyargs", keywordOnly), ("kw_defaults", keywordDefaults), ("kwarg", kwArg), ("defaults", defaults));
    }

    private ParseNode Parameter(bool lambda)
    {
        var start = cursor.Position;
        var name = cursor.Next();
        if (!Keywords.IsIdentifier(name))
        {
            throw Fail("parameter name expected");
        }

        ParseNode? annotation = null;
        if (!lambda && cursor.Accept(":"))
        {
            annotation = Expression();
        }

        return Node("arg", start, ("arg", name.Text), ("annotation", annotation));
    }
}
