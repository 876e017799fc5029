using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A module-level <c>name = IntervalSchedule(...)</c> / <c>CronSchedule(...)</c> that no flow uses (nothing reads the name, so
/// no deployment takes it): the target's schedule object, so the module still imports and the object means the same
/// (reference §12: 3.x <c>prefect.schedules.Interval/Cron</c>, 2.x <c>prefect.client.schemas.schedules.IntervalSchedule/CronSchedule</c>).
/// Schedules with an <c>end_date</c> (no equivalent), or a <c>start_date</c> of a cron whose timezone cannot be read (only the timezone
/// carries over), stay for the TODO.
/// </summary>
public static class StandaloneSchedules
{
    /// <summary>The fixes for the module's unused v1 schedule objects.</summary>
    public static IEnumerable<Finding> Find(string ruleId, RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        var p3 = PrefectTarget.IsPrefect3(context.Options);
        var candidates = new List<(SyntaxNode Statement, string Name, CallSyntax Call, string Kind, Conversion Converted)>();
        foreach (var statement in module.Body.Where(s => s.Is("Assign") && s.Children("targets") is [{ } t] && t.Is("Name")))
        {
            var name = statement.Children("targets")[0].Scalar("id")!;
            if (CallSyntax.From(statement.Child("value")) is not { } call || symbols.Resolve(call.Function) is not { } resolved
                || !resolved.StartsWith("prefect.schedules.", StringComparison.Ordinal)
                || IsRead(module, name))
            {
                continue;
            }

            var kind = resolved.Split('.')[^1];
            if (Convert(module, call, kind, p3) is not { } converted)
            {
                continue;
            }

            candidates.Add((statement, name, call, kind, converted));
        }

        foreach (var (statement, name, call, kind, converted) in candidates)
        {
            // 2.x spells the classes like v1: while another use keeps the v1 name, the target's import would shadow it.
            var bound = call.Function.Is("Name") ? call.Function.Scalar("id") : null;
            if (bound is not null && converted.Needs.Any(n => n.Name == bound) && ModuleIndex.Of(module).NamesById.TryGetValue(bound, out var uses)
                && uses.Any(n => n.Scalar("ctx") == "Load" && !candidates.Any(c => c.Call.Function.Span == n.Span)))
            {
                continue;
            }

            var edits = new List<TextEdit> { TextEdit.Replace(call.Node.Span, converted.Text) };
            // The clocks' classes go with the Schedule(...) they were called in.
            edits.AddRange(ImportEdits.Update(module, converted.Needs, [call.Node.Span]));
            var message = converted.Needs.Count == 0
                ? $"{name} = {kind}(clocks=...) is used by no flow of this module: it becomes the list of its clocks, {Flat(converted.Text)}, which are the target's schedules where they are made"
                : $"{name} = {kind}(...) is used by no flow of this module: it becomes the target's schedule {(converted.Text.StartsWith('[') ? "objects" : "object")} {Flat(converted.Text)}";
            yield return new Finding(ruleId, statement.Span, message)
            {
                Fix = new Fix(edits, Safety.Review, message),
                Todo = converted.Todo is { } todo ? new ManualTodo($"{name}: {todo}", "reference/prefect.md §12") : null,
            };
        }
    }

    /// <summary>
    /// <c>IntervalClock(...)</c>/<c>CronClock(...)</c> made in the module's functions or comprehensions (a helper building the clocks
    /// of a <c>Schedule(clocks=make_clocks(...))</c>, one clock per table): the target's schedules, in one fix for the module, with
    /// the annotations that name a converted class (<c>List[IntervalClock]</c>). A clock that cannot be converted stays, and its
    /// import keeps the leftover TODO.
    /// </summary>
    public static Finding? ClocksBuiltInCode(string ruleId, RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        var p3 = PrefectTarget.IsPrefect3(context.Options);
        var edits = new List<TextEdit>();
        var needs = new List<ImportNeed>();
        var labels = new List<string>();
        var consumed = new List<TextSpan>();
        var converted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (node, callee) in symbols.ResolvedCalls)
        {
            if (ClockClass(callee) is not { } kind || !InOwnScope(node) || Clock(module, CallSyntax.From(node)!, p3, labels) is not { } clock)
            {
                continue;
            }

            edits.Add(TextEdit.Replace(node.Span, clock.Text));
            consumed.Add(node.Span);
            needs.AddRange(clock.Needs.Where(n => !needs.Contains(n)));
            converted[kind] = clock.Needs[0].Name!;
        }

        if (edits.Count == 0)
        {
            return null;
        }

        foreach (var (node, name) in symbols.ResolvedExpressions)
        {
            if (ClockClass(name) is { } kind && converted.TryGetValue(kind, out var target) && InAnnotation(node) && !consumed.Any(c => c.Contains(node.Span)))
            {
                edits.Add(TextEdit.Replace(node.Span, target));
                consumed.Add(node.Span);
            }
        }

        edits.AddRange(ImportEdits.Update(module, needs, consumed));
        var message = $"{string.Join(" and ", converted.Keys.Order(StringComparer.Ordinal))} made in functions or comprehensions become the target's schedules ({string.Join(", ", converted.Values.Distinct().Order(StringComparer.Ordinal))})";
        return new Finding(ruleId, consumed[0], message)
        {
            Fix = new Fix(edits, Safety.Review, message),
            Todo = labels.Count == 0 ? null
                : new ManualTodo($"{string.Join(", ", labels.Distinct(StringComparer.Ordinal).Select(l => $"labels={Flat(l)}"))} of these clocks chose the v1 agents that ran them: the deployment that uses the schedules picks its work pool (and queue) instead", "reference/prefect.md §12"),
        };
    }

    private static string? ClockClass(string qualifiedName) =>
        qualifiedName.StartsWith("prefect.schedules.", StringComparison.Ordinal) && qualifiedName.Split('.')[^1] is "IntervalClock" or "CronClock"
            ? qualifiedName.Split('.')[^1] : null;

    // In a scope of its own (a function, or a comprehension making one clock per item), not a module-level Schedule(clocks=[...]).
    private static bool InOwnScope(SyntaxNode node)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Kind is "FunctionDef" or "AsyncFunctionDef" or "Lambda" or "ListComp" or "SetComp" or "DictComp" or "GeneratorExp")
            {
                return true;
            }
        }

        return false;
    }

    // Inside a function's return or argument annotation, or a variable's (List[IntervalClock]).
    private static bool InAnnotation(SyntaxNode node)
    {
        for (var (child, parent) = (node, node.Parent); parent is not null && !parent.Is("Module"); (child, parent) = (parent, parent.Parent))
        {
            if (ReferenceEquals(parent.Child("returns"), child) || ReferenceEquals(parent.Child("annotation"), child))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The target's schedule object(s) for a v1 schedule: source text, imports, and what did not carry over.</summary>
    private sealed record Conversion(string Text, IReadOnlyList<ImportNeed> Needs, string? Todo = null);

    private static string Flat(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // Some Name node of the module reads the name (the module's Name nodes by identifier are read once per module).
    private static bool IsRead(PythonModule module, string name) =>
        ModuleIndex.Of(module).NamesById.TryGetValue(name, out var uses) && uses.Any(n => n.Scalar("ctx") == "Load");

    private static Conversion? Convert(PythonModule module, CallSyntax call, string kind, bool p3)
    {
        string? Keyword(string keyword) => call.Keyword(keyword)?.Value is { } v ? module.GetText(v) : null;
        if (call.Keywords.Any(k => k.Name is null or "end_date"))
        {
            return null;
        }

        switch (kind)
        {
            case "IntervalSchedule" when call.Arguments.Count == 0 && call.Keywords.All(k => k.Name is "interval" or "start_date") && Keyword("interval") is { } interval:
                return Interval(module, interval, call.Keyword("start_date")?.Value, null, p3);
            case "CronSchedule" when call.Arguments.Count <= 1 && call.Keywords.All(k => k.Name is "cron" or "day_or" or "start_date")
                && (call.Arguments.Count == 1 ? module.GetText(call.Arguments[0]) : Keyword("cron")) is { } cron:
                return Cron(module, cron, call.Keyword("start_date")?.Value, Keyword("day_or"), null, p3);
            case "Schedule" when call.Arguments.Count <= 1 && call.Keywords.All(k => k.Name == "clocks")
                && (call.Keyword("clocks")?.Value ?? call.Arguments.FirstOrDefault()) is { Kind: "List" or "Tuple" } clocks:
                return Clocks(module, clocks.Children("elts"), p3);
            case "Schedule" when call.Arguments.Count <= 1 && call.Keywords.All(k => k.Name == "clocks")
                && (call.Keyword("clocks")?.Value ?? call.Arguments.FirstOrDefault()) is { } built:
                // Clocks a function builds (Schedule(clocks=make_clocks(...))): the list itself, which holds the target's schedules once
                // the clocks are made as such where they are built (ClocksBuiltInCode).
                return new Conversion(module.GetText(built), []);
            default:
                return null;
        }
    }

    // Schedule(clocks=[IntervalClock(...), CronClock(...)]): a list of the target's schedules, each clock's parameter_defaults its
    // parameters (3.x only: 2.x schedules have none); a clock's labels chose v1 agents, which a deployment's work pool does now.
    private static Conversion? Clocks(PythonModule module, IReadOnlyList<SyntaxNode> clocks, bool p3)
    {
        var items = new List<string>();
        var needs = new List<ImportNeed>();
        var labels = new List<string>();
        foreach (var element in clocks)
        {
            if (CallSyntax.From(element) is not { } clock || Clock(module, clock, p3, labels) is not { } converted)
            {
                return null;
            }

            items.Add(converted.Text);
            needs.AddRange(converted.Needs.Where(n => !needs.Contains(n)));
        }

        var todo = labels.Count == 0 ? null
            : $"labels {string.Join(", ", labels.Distinct(StringComparer.Ordinal).Select(Flat))} chose the v1 agents that ran these schedules: the deployment that uses them picks its work pool (and queue) instead";
        if (items.Count == 0)
        {
            return null;
        }

        // One schedule stays on the line; several go one per line, as the clocks were.
        var indent = SourceLines.IndentOf(module, SourceLines.Statement(clocks[0]).Span.Start);
        var nl = module.NewLine;
        var text = items.Count == 1 ? $"[{items[0]}]" : $"[{nl}{string.Concat(items.Select(i => $"{indent}    {i},{nl}"))}{indent}]";
        return new Conversion(text, needs, todo);
    }

    // One IntervalClock(...)/CronClock(...) as the target's schedule; its labels (text) are added to labels. Null when it cannot be:
    // another clock, an end_date, arguments of its own kind, or parameter defaults on 2.x (whose schedules have none).
    private static Conversion? Clock(PythonModule module, CallSyntax clock, bool p3, List<string> labels)
    {
        if (clock.Function.DottedName()?.Split('.')[^1] is not ({ } clockKind and ("IntervalClock" or "CronClock"))
            || clock.Keywords.Any(k => k.Name is null or "end_date") || clock.Arguments.Count > 1)
        {
            return null;
        }

        string? Keyword(string keyword) => clock.Keyword(keyword)?.Value is { } v ? module.GetText(v) : null;
        var parameters = Keyword("parameter_defaults");
        if (parameters is not null && !p3)
        {
            return null;
        }

        var first = clock.Arguments.Count == 1 ? module.GetText(clock.Arguments[0]) : null;
        Conversion? converted = clockKind == "IntervalClock"
            ? clock.Keywords.All(k => k.Name is "interval" or "start_date" or "parameter_defaults" or "labels") && (first ?? Keyword("interval")) is { } interval
                ? Interval(module, interval, clock.Keyword("start_date")?.Value, parameters, p3) : null
            : clock.Keywords.All(k => k.Name is "cron" or "day_or" or "start_date" or "parameter_defaults" or "labels") && (first ?? Keyword("cron")) is { } cron
                ? Cron(module, cron, clock.Keyword("start_date")?.Value, Keyword("day_or"), parameters, p3) : null;
        if (converted is not null && Keyword("labels") is { } label)
        {
            labels.Add(label);
        }

        return converted;
    }

    // v1 read a start date's zone by name (see StartDates): a datetime given a pytz zone becomes the naive wall-clock time and the
    // zone's name, which the target's schedule reads the same way (a pytz zone object would anchor at its local mean time).
    private static Conversion Interval(PythonModule module, string interval, SyntaxNode? start, string? parameters, bool p3)
    {
        var zone = start is null ? null : StartDates.ReadForCode(module, start)?.TimeZone;
        var naive = zone is null || start is null ? null : StartDates.WithoutTzInfo(module, start);
        var anchor = start is null ? string.Empty
            : naive is not null ? $", anchor_date={naive}, timezone={zone}"
            : $", anchor_date={module.GetText(start)}";
        return p3
            ? new($"Interval({interval}{anchor}{(parameters is null ? string.Empty : $", parameters={parameters}")})", [ImportNeed.Of("prefect.schedules", "Interval")])
            : new($"IntervalSchedule(interval={interval}{anchor})", [ImportNeed.Of("prefect.client.schemas.schedules", "IntervalSchedule")]);
    }

    // A cron's start date only chose its timezone in v1 (naive: UTC, the target's default too).
    private static Conversion? Cron(PythonModule module, string cron, SyntaxNode? start, string? dayOr, string? parameters, bool p3)
    {
        var anchor = start is null ? null : StartDates.ReadForCode(module, start);
        if (start is not null && anchor is null)
        {
            return null;
        }

        var zone = anchor?.TimeZone is { } name ? $", timezone={name}" : string.Empty;
        var day = dayOr is not null ? $", day_or={dayOr}" : string.Empty;
        return p3
            ? new($"Cron({cron}{zone}{day}{(parameters is null ? string.Empty : $", parameters={parameters}")})", [ImportNeed.Of("prefect.schedules", "Cron")])
            : new($"CronSchedule(cron={cron}{zone}{day})", [ImportNeed.Of("prefect.client.schemas.schedules", "CronSchedule")]);
    }
}
