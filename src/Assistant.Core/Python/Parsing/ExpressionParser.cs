using System.Runtime.CompilerServices;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

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

    private readonly SharedLeaves _leaves = SharedLeaves.Current;
    private readonly NodeListPool _lists = NodeListPool.Current;
    private int _nesting;

    // A primary already parsed (and the token it starts at) that the levels from conditional expressions down take as
    // their leftmost operand instead of parsing one: see Expression.
    private SyntaxNode? _pending;
    private int _pendingStart;

    public TokenCursor Cursor => cursor;

    /// <summary>The thread's shared leaves, which assignment targets take their context from (<see cref="Targets"/>).</summary>
    public SharedLeaves Leaves => _leaves;

    /// <summary>The thread's lists for children, which the statement parser collects in too.</summary>
    public NodeListPool Lists => _lists;

    public string Text => text;

    private static UnsupportedSourceException Fail(string reason) => new(reason);

    private SyntaxNode Node(string kind, int startToken, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        SyntaxNodeBuilder.Node(kind, cursor.StartOf(startToken), cursor.LastEnd(), fields);

    /// <summary>star_expressions: a tuple when there is a comma.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode StarExpressions()
    {
        var start = cursor.Position;
        var first = StarExpression();
        if (!cursor.At(","))
        {
            return first;
        }

        var elements = _lists.Rent(first);
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

    public SyntaxNode StarExpression() => cursor.At("*") ? Starred(StarredOperand.BitwiseOr) : Expression();

    public SyntaxNode StarNamedExpression() => cursor.At("*") ? Starred(StarredOperand.BitwiseOr) : NamedExpression();

    private enum StarredOperand
    {
        BitwiseOr,
        Expression,
        Target,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Starred(StarredOperand operand)
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode NamedExpression()
    {
        var start = cursor.Position;
        if (Keywords.IsIdentifier(cursor.Current) && cursor.PeekAt(1).Is(":="))
        {
            var name = cursor.Next();
            var target = SharedLeaves.StoreName(name);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Expression()
    {
        Enter();
        try
        {
            // Most expressions are one name, number or string before a comma, a bracket, a colon, '=' or the line's end: its
            // atom, which the fourteen levels below would each hand up unchanged.
            if (IsLoneAtom())
            {
                return Atom();
            }

            var token = cursor.Current;
            if (token.Kind == TokenKind.Name ? token.Reserved && token.Text is "lambda" or "not" or "await" : token.Kind == TokenKind.Operator && token.Text is "-" or "+" or "~")
            {
                return token.Text == "lambda" ? Lambda() : ConditionalExpression();
            }

            // Otherwise every level down to primaries starts with a primary: parse it first, and when no operator of those
            // levels follows it (a call, an attribute, a subscript, a display) it is the expression, handed up by none of them.
            var start = cursor.Position;
            var primary = Primary();
            if (!ContinuesExpression(cursor.Current))
            {
                return primary;
            }

            _pending = primary;
            _pendingStart = start;
            return ConditionalExpression();
        }
        finally
        {
            _nesting--;
        }
    }

    // Whether a rule from conditional expressions down to powers may take the token after a primary.
    private static bool ContinuesExpression(Token token) => token.Kind switch
    {
        TokenKind.Operator => token.Text is "**" or "|" or "^" or "&" or "<<" or ">>" or "+" or "-" or "*" or "/" or "//" or "%" or "@"
            or "==" or "!=" or "<" or "<=" or ">" or ">=",
        TokenKind.Name => token.Text is "if" or "or" or "and" or "not" or "in" or "is",
        _ => false,
    };

    // Where the expression being parsed starts: at the pending primary when there is one.
    private int StartOfNext() => _pending is null ? cursor.Position : _pendingStart;

    // An identifier, number or string whose next token no rule from conditional expressions down to primaries takes.
    private bool IsLoneAtom()
    {
        var token = cursor.Current;
        if (!(token.Kind is TokenKind.Number or TokenKind.String || (token.Kind == TokenKind.Name && !token.Reserved)))
        {
            return false;
        }

        var next = cursor.PeekAt(1);
        return next.Kind == TokenKind.Newline || (next.Kind == TokenKind.Operator && next.Text is "," or ")" or "]" or "}" or ":" or "=");
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw Fail("deeply nested expression");
        }

        // A few levels take far less stack than the margin this check keeps: it need not run at each.
        if ((_nesting & 3) == 0)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode ConditionalExpression()
    {
        var start = StartOfNext();
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Lambda()
    {
        var start = cursor.Position;
        cursor.Expect("lambda");
        var arguments = Parameters(lambda: true);
        cursor.Expect(":");
        var body = Expression();
        return Node("Lambda", start, ("args", arguments), ("body", body));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Disjunction()
    {
        var start = StartOfNext();
        var first = Conjunction();
        if (!cursor.At("or"))
        {
            return first;
        }

        var values = _lists.Rent(first);
        while (cursor.Accept("or"))
        {
            values.Add(Conjunction());
        }

        return Node("BoolOp", start, ("op", "Or"), ("values", values));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Conjunction()
    {
        var start = StartOfNext();
        var first = Inversion();
        if (!cursor.At("and"))
        {
            return first;
        }

        var values = _lists.Rent(first);
        while (cursor.Accept("and"))
        {
            values.Add(Inversion());
        }

        return Node("BoolOp", start, ("op", "And"), ("values", values));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Inversion()
    {
        var start = cursor.Position;
        if (_pending is null && cursor.Accept("not"))
        {
            Enter();
            var operand = Inversion();
            _nesting--;
            return Node("UnaryOp", start, ("op", "Not"), ("operand", operand));
        }

        return Comparison();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Comparison()
    {
        var start = StartOfNext();
        var left = BitwiseOr();
        List<string>? ops = null;
        List<SyntaxNode?>? comparators = null;
        while (CompareOperator() is { } op)
        {
            (ops ??= []).Add(op);
            (comparators ??= _lists.Rent()).Add(BitwiseOr());
        }

        return ops is null ? left : Node("Compare", start, ("left", left), ("ops", ops), ("comparators", comparators));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    public SyntaxNode BitwiseOr() => Binary(0);

    // Binary operators by precedence climbing, loosest level first: | ^ & shifts sums terms, then unary factors. A BinOp
    // starts where its left operand does, so a chain at one level starts where the chain does, as in CPython.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Binary(int minimumLevel)
    {
        var start = StartOfNext();
        var left = Factor();
        while (true)
        {
            var token = cursor.Current;
            if (token.Kind != TokenKind.Operator)
            {
                return left;
            }

            var (level, op) = BinaryOperator(token.Text);
            if (op is null || level < minimumLevel)
            {
                return left;
            }

            cursor.Next();
            var right = Binary(level + 1);
            left = Node("BinOp", start, ("left", left), ("op", op), ("right", right));
        }
    }

    private static (int Level, string? Op) BinaryOperator(string text) => text switch
    {
        "|" => (0, "BitOr"),
        "^" => (1, "BitXor"),
        "&" => (2, "BitAnd"),
        "<<" => (3, "LShift"),
        ">>" => (3, "RShift"),
        "+" => (4, "Add"),
        "-" => (4, "Sub"),
        "*" => (5, "Mult"),
        "/" => (5, "Div"),
        "//" => (5, "FloorDiv"),
        "%" => (5, "Mod"),
        "@" => (5, "MatMult"),
        _ => (0, null),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Factor()
    {
        var start = cursor.Position;
        var token = cursor.Current;
        if (_pending is null && token.Kind == TokenKind.Operator && token.Text is "+" or "-" or "~")
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Power()
    {
        var start = StartOfNext();
        var left = AwaitPrimary();
        if (!cursor.Accept("**"))
        {
            return left;
        }

        var right = Factor();
        return Node("BinOp", start, ("left", left), ("op", "Pow"), ("right", right));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode AwaitPrimary()
    {
        var start = cursor.Position;
        if (_pending is null && cursor.Accept("await"))
        {
            var value = Primary();
            return Node("Await", start, ("value", value));
        }

        return Primary();
    }

    /// <summary>primary: an atom followed by attribute accesses, calls and subscripts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Primary()
    {
        var start = StartOfNext();
        var node = _pending ?? Atom();
        _pending = null;
        while (true)
        {
            var token = cursor.Current;
            if (token.Kind != TokenKind.Operator || token.Text.Length != 1 || token.Text[0] is not ('.' or '(' or '['))
            {
                return node;
            }

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

    /// <summary>'(' arguments ')' of a call or class definition: positional (and starred) arguments, keywords (null when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (List<SyntaxNode?>? Args, List<SyntaxNode?>? Keywords) CallArguments(bool allowGenerator)
    {
        var open = cursor.Position;
        cursor.Expect("(");
        // Null while empty (an absent field, as an empty list is): most calls have no keywords, many no arguments.
        List<SyntaxNode?>? args = null;
        List<SyntaxNode?>? keywords = null;
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
                (args ??= _lists.Rent()).Add(Node("Starred", start, ("value", value), ("ctx", Load)));
            }
            else if (cursor.Accept("**"))
            {
                var value = Expression();
                (keywords ??= _lists.Rent()).Add(Node("keyword", start, ("arg", null), ("value", value)));
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
                (keywords ??= _lists.Rent()).Add(Node("keyword", start, ("arg", name.Text), ("value", value)));
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
                    if (!allowGenerator || args is not null || keywords is not null)
                    {
                        throw Fail("generator expression must be parenthesized");
                    }

                    var generators = Generators();
                    cursor.Expect(")");
                    (args ??= _lists.Rent()).Add(Node("GeneratorExp", open, ("elt", value), ("generators", generators)));
                    return (args, keywords);
                }

                (args ??= _lists.Rent()).Add(value);
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<SyntaxNode?> Generators()
    {
        var generators = _lists.Rent();
        while (AtComprehension())
        {
            var isAsync = cursor.Accept("async");
            cursor.Expect("for");
            var target = StarTargets();
            cursor.Expect("in");
            var iterable = Disjunction();
            List<SyntaxNode?>? conditions = null;
            while (cursor.Accept("if"))
            {
                (conditions ??= _lists.Rent()).Add(Disjunction());
            }

            generators.Add(SyntaxNodeBuilder.Positionless("comprehension", ("target", target), ("iter", iterable), ("ifs", conditions), ("is_async", isAsync ? "1" : "0")));
        }

        return generators;
    }

    /// <summary>star_targets (for loops, comprehensions): validated and in the Store context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode StarTargets()
    {
        var start = cursor.Position;
        var first = StarTarget();
        if (!cursor.At(","))
        {
            return Targets.Store(first, _leaves);
        }

        var elements = _lists.Rent(first);
        while (cursor.Accept(","))
        {
            if (!(cursor.At("*") || cursor.At("(") || cursor.At("[") || Keywords.IsIdentifier(cursor.Current)))
            {
                break;
            }

            elements.Add(StarTarget());
        }

        return Targets.Store(Node("Tuple", start, ("elts", elements), ("ctx", Load)), _leaves);
    }

    /// <summary>star_target: '*' target or a primary; the caller validates it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode StarTarget()
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Slices()
    {
        var start = cursor.Position;
        var first = Slice();
        if (!cursor.At(",") && first.Kind != "Starred")
        {
            return first;
        }

        var elements = _lists.Rent(first);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Slice()
    {
        var start = cursor.Position;
        if (cursor.At("*"))
        {
            return Starred(StarredOperand.Expression);
        }

        SyntaxNode? lower = null;
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
        SyntaxNode? step = null;
        if (cursor.Accept(":"))
        {
            step = cursor.At("]") || cursor.At(",") ? null : Expression();
        }

        return Node("Slice", start, ("lower", lower), ("upper", upper), ("step", step));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Atom()
    {
        var token = cursor.Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                cursor.Next();
                if (!token.Reserved)
                {
                    return _leaves.LoadName(token);
                }

                return token.Text is "True" or "False" or "None" ? _leaves.Constant(token) : throw Fail($"unexpected '{token.Text}'");
            case TokenKind.Number:
                cursor.Next();
                return _leaves.Constant(token);
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
                        return _leaves.Ellipsis(token);
                }

                break;
        }

        throw Fail($"unexpected '{token.Text}'");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode StringAtom()
    {
        var first = cursor.Next();
        if (!cursor.AtKind(TokenKind.String))
        {
            return StringConcatenation.Build(text, first, _leaves);
        }

        var tokens = new List<Token> { first };
        while (cursor.AtKind(TokenKind.String))
        {
            tokens.Add(cursor.Next());
        }

        return StringConcatenation.Build(text, tokens);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Group()
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
            var elements = _lists.Rent(first);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode ListDisplay()
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<SyntaxNode?> ElementsAfter(SyntaxNode first, string close)
    {
        var elements = _lists.Rent(first);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode BraceDisplay()
    {
        var start = cursor.Position;
        cursor.Expect("{");
        if (cursor.Accept("}"))
        {
            return Node("Dict", start);
        }

        if (cursor.At("**"))
        {
            return DictItems(start, _lists.Rent(), _lists.Rent());
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
                return Node("Dict", start, ("keys", _lists.Rent(first)), ("values", _lists.Rent(value)));
            }

            return DictItems(start, _lists.Rent(first), _lists.Rent(value));
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode DictItems(int start, List<SyntaxNode?> keys, List<SyntaxNode?> values)
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Yield()
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool CanStartExpression()
    {
        var token = cursor.Current;
        return token.Kind switch
        {
            TokenKind.Number or TokenKind.String => true,
            TokenKind.Name => !token.Reserved || token.Text is "True" or "False" or "None" or "lambda" or "not" or "await",
            TokenKind.Operator => token.Text is "(" or "[" or "{" or "-" or "+" or "~" or "*" or "...",
            _ => false,
        };
    }

    /// <summary>The parameters of a def (inside its parentheses) or of a lambda (before its colon): an arguments node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SyntaxNode Parameters(bool lambda)
    {
        var end = lambda ? ":" : ")";
        var positionalOnly = _lists.Rent();
        var positional = _lists.Rent();
        var defaults = _lists.Rent();
        var keywordOnly = _lists.Rent();
        var keywordDefaults = _lists.Rent();
        SyntaxNode? varArg = null, kwArg = null;
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

        return SyntaxNodeBuilder.Positionless("arguments", ("posonlyargs", positionalOnly), ("args", positional), ("vararg", varArg),
            ("kwonlyargs", keywordOnly), ("kw_defaults", keywordDefaults), ("kwarg", kwArg), ("defaults", defaults));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SyntaxNode Parameter(bool lambda)
    {
        var start = cursor.Position;
        var name = cursor.Next();
        if (!Keywords.IsIdentifier(name))
        {
            throw Fail("parameter name expected");
        }

        SyntaxNode? annotation = null;
        if (!lambda && cursor.Accept(":"))
        {
            annotation = Expression();
        }

        return Node("arg", start, ("arg", name.Text), ("annotation", annotation));
    }
}
