using System.Globalization;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// A v1 schedule's <c>start_date</c> as a deployment's <c>anchor_date</c> and <c>timezone</c>. v1 clocks and schedules read it with
/// <c>pendulum.instance</c>, which takes a naive datetime as UTC and a pytz zone by its name (not the zone's first, local mean time,
/// offset that pytz gives a datetime built with <c>tzinfo=pytz.timezone(...)</c>): so the wall-clock fields and the zone's name are
/// what v1 scheduled by, and exactly what a deployment's schedule reads (reference §12: naive → UTC).
/// </summary>
public static class StartDates
{
    /// <summary>A literal start date: ISO wall-clock time, and the zone's name (null: UTC; from <see cref="ReadForCode"/>, Python source).</summary>
    public sealed record Anchor(string WallClock, string? TimeZone);

    /// <summary>
    /// <c>pendulum.datetime(Y, M, D[, h, m, s][, tz="Area/City"])</c> or <c>datetime(Y, M, D[, h, m, s][, tzinfo=pytz.timezone("Area/City")])</c>
    /// with literal numbers, names resolved through <paramref name="module"/>'s imports; null for anything else.
    /// </summary>
    public static Anchor? Read(PythonModule module, SyntaxNode node) => Read(module, node, inCode: false);

    /// <summary>
    /// The same start date for Python code, where the zone may also be the expression the module passed to
    /// <c>pytz.timezone(...)</c> (<c>constants.TIMEZONE.value</c>): <see cref="Anchor.TimeZone"/> is then Python source (a quoted name
    /// or that expression).
    /// </summary>
    public static Anchor? ReadForCode(PythonModule module, SyntaxNode node) => Read(module, node, inCode: true);

    private static Anchor? Read(PythonModule module, SyntaxNode node, bool inCode)
    {
        if (CallSyntax.From(node) is not { } call || call.Arguments.Count is < 3 or > 6
            || call.Arguments.Select(a => ConstantSyntax.From(a) is { ValueType: "int", Value: { } digits } ? int.Parse(digits, CultureInfo.InvariantCulture) : (int?)null).ToList() is not { } parts
            || parts.Any(p => p is null))
        {
            return null;
        }

        var bindings = PythonImports.Bindings(module, "pendulum", "datetime", "pytz");
        var callee = PythonImports.Resolve(call.Function, bindings) ?? call.Function.DottedName();
        string? zone;
        switch (callee)
        {
            case "pendulum.datetime" when call.Keywords.All(k => k.Name == "tz"):
                zone = null;
                if (call.Keyword("tz") is { } tz && (zone = ZoneName(module, tz.Value, inCode)) is null)
                {
                    return null;
                }

                break;
            case "datetime.datetime" when call.Keywords.All(k => k.Name == "tzinfo"):
                zone = null;
                if (call.Keyword("tzinfo") is { } tzinfo && (zone = Zone(module, tzinfo.Value, bindings, inCode)) is null)
                {
                    return null;
                }

                break;
            default:
                return null;
        }

        var v = parts.Select(p => p!.Value).Concat(Enumerable.Repeat(0, 6 - parts.Count)).ToArray();
        return new Anchor($"{v[0]:D4}-{v[1]:D2}-{v[2]:D2}T{v[3]:D2}:{v[4]:D2}:{v[5]:D2}", zone);
    }

    // tzinfo=pytz.timezone("Area/City") (or pendulum's), or a UTC constant: the zone's name (in code: its source); null for anything else.
    private static string? Zone(PythonModule module, SyntaxNode tzinfo, IReadOnlyList<ImportBinding> bindings, bool inCode)
    {
        if (PythonImports.Resolve(tzinfo, bindings) is "pytz.utc" or "pytz.UTC" or "datetime.timezone.utc" or "pendulum.UTC")
        {
            return inCode ? PythonLiterals.Quote("UTC") : "UTC";
        }

        return CallSyntax.From(tzinfo) is { Arguments: [var name], Keywords.Count: 0 } call
            && PythonImports.Resolve(call.Function, bindings) is "pytz.timezone" or "pendulum.timezone"
            ? ZoneName(module, name, inCode)
            : null;
    }

    // A zone's name given as a string: the name itself; in code, also an expression that gives it (its source text).
    private static string? ZoneName(PythonModule module, SyntaxNode name, bool inCode) =>
        ConstantSyntax.StringValue(name) is { } literal ? (inCode ? PythonLiterals.Quote(literal) : literal)
        : inCode && name.Kind is "Name" or "Attribute" or "Subscript" ? module.GetText(name)
        : null;

    /// <summary>
    /// The text of a <c>datetime(..., tzinfo=...)</c> call without its <c>tzinfo</c> (the same wall-clock time, naive), for a target
    /// schedule that takes the zone by name; null when the call has no <c>tzinfo</c>.
    /// </summary>
    public static string? WithoutTzInfo(PythonModule module, SyntaxNode node)
    {
        if (CallSyntax.From(node) is not { } call || call.Keyword("tzinfo") is not { } tzinfo)
        {
            return null;
        }

        // The keyword goes as any argument a rule removes (with its separator, and its line when it had one), inside the call's text.
        var edit = CallEdits.Remove(module, call, tzinfo.Node);
        var (start, end) = (call.Node.Span.Start, call.Node.Span.End);
        return module.Text[start..edit.Span.Start] + edit.NewText + module.Text[edit.Span.End..end];
    }
}
