using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A module-level <c>name = IntervalSchedule(...)</c> / <c>CronSchedule(...)</c> that no flow uses (nothing reads the name, so
/// no deployment takes it): the target's schedule object, so the module still imports and the object means the same
/// (reference §12: 3.x <c>prefect.schedules.Interval/Cron</c>, 2.x <c>prefect.client.schemas.schedules.IntervalSchedule/CronSchedule</c>).
/// Schedules with an <c>end_date</c> (no equivalent) or a cron <c>start_date</c> (only its timezone carries over) stay for the TODO.
/// </summary>
public static class StandaloneSchedules
{
    /// <summary>The fixes for the module's unused v1 schedule objects.</summary>
    public static IEnumerable<Finding> Find(string ruleId, RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        var p3 = PrefectTarget.IsPrefect3(context.Options);
        var candidates = new List<(SyntaxNode Statement, string Name, CallSyntax Call, string Kind, string Text, ImportNeed Need)>();
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

            candidates.Add((statement, name, call, kind, converted.Text, converted.Need));
        }

        foreach (var (statement, name, call, kind, text, need) in candidates)
        {
            // 2.x spells the classes like v1: while another use keeps the v1 name, the target's import would shadow it.
            var bound = call.Function.Is("Name") ? call.Function.Scalar("id") : null;
            if (bound is not null && bound == need.Name && ModuleIndex.Of(module).NamesById.TryGetValue(bound, out var uses)
                && uses.Any(n => n.Scalar("ctx") == "Load" && !candidates.Any(c => c.Call.Function.Span == n.Span)))
            {
                continue;
            }

            var edits = new List<TextEdit> { TextEdit.Replace(call.Node.Span, text) };
            edits.AddRange(ImportEdits.Update(module, [need], [call.Function.Span]));
            var message = $"{name} = {kind}(...) is used by no flow: it becomes the target's schedule object {text}";
            yield return new Finding(ruleId, statement.Span, message) { Fix = new Fix(edits, Safety.Review, message) };
        }
    }

    // Some Name node of the module reads the name (the module's Name nodes by identifier are read once per module).
    private static bool IsRead(PythonModule module, string name) =>
        ModuleIndex.Of(module).NamesById.TryGetValue(name, out var uses) && uses.Any(n => n.Scalar("ctx") == "Load");

    private static (string Text, ImportNeed Need)? Convert(PythonModule module, CallSyntax call, string kind, bool p3)
    {
        string? Keyword(string keyword) => call.Keyword(keyword)?.Value is { } v ? module.GetText(v) : null;
        if (call.Keywords.Any(k => k.Name is null or "end_date"))
        {
            return null;
        }

        switch (kind)
        {
            case "IntervalSchedule" when call.Arguments.Count == 0 && call.Keywords.All(k => k.Name is "interval" or "start_date") && Keyword("interval") is { } interval:
                var anchor = Keyword("start_date") is { } start ? $", anchor_date={start}" : string.Empty;
                return p3
                    ? ($"Interval({interval}{anchor})", ImportNeed.Of("prefect.schedules", "Interval"))
                    : ($"IntervalSchedule(interval={interval}{anchor})", ImportNeed.Of("prefect.client.schemas.schedules", "IntervalSchedule"));
            case "CronSchedule" when call.Arguments.Count <= 1 && call.Keywords.All(k => k.Name is "cron" or "day_or")
                && (call.Arguments.Count == 1 ? module.GetText(call.Arguments[0]) : Keyword("cron")) is { } cron:
                var dayOr = Keyword("day_or") is { } d ? $", day_or={d}" : string.Empty;
                return p3
                    ? ($"Cron({cron}{dayOr})", ImportNeed.Of("prefect.schedules", "Cron"))
                    : ($"CronSchedule(cron={cron}{dayOr})", ImportNeed.Of("prefect.client.schemas.schedules", "CronSchedule"));
            default:
                return null;
        }
    }
}
