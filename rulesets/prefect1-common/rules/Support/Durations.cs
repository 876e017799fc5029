using System.Globalization;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>Turns v1 durations (<c>timedelta(...)</c> literals, plain numbers) into seconds for the 2/3 <c>*_seconds</c> options.</summary>
public static class Durations
{
    private static readonly Dictionary<string, double> Units = new(StringComparer.Ordinal)
    {
        ["weeks"] = 604800, ["days"] = 86400, ["hours"] = 3600, ["minutes"] = 60, ["seconds"] = 1, ["milliseconds"] = 0.001, ["microseconds"] = 0.000001,
    };

    private static readonly string[] Positional = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];

    /// <summary>The number of seconds a literal duration stands for, or null when it is not a literal.</summary>
    public static double? Seconds(SyntaxNode value)
    {
        if (Number(value) is { } number)
        {
            return number;
        }

        if (CallSyntax.From(value) is not { } call || call.FunctionName?.Split('.')[^1] != "timedelta")
        {
            return null;
        }

        double total = 0;
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (i >= Positional.Length || Number(call.Arguments[i]) is not { } n)
            {
                return null;
            }

            total += n * Units[Positional[i]];
        }

        foreach (var keyword in call.Keywords)
        {
            if (keyword.Name is null || !Units.TryGetValue(keyword.Name, out var unit) || Number(keyword.Value) is not { } n)
            {
                return null;
            }

            total += n * unit;
        }

        return total;
    }

    /// <summary>Python source for a duration in seconds: the literal number when known, else
    /// <c>(expr).total_seconds()</c> for a timedelta expression.</summary>
    public static string SecondsSource(PythonModule module, SyntaxNode value)
    {
        if (Seconds(value) is { } seconds)
        {
            return Format(seconds);
        }

        var text = module.GetText(value);
        return value.Kind is "Name" or "Attribute" or "Call" ? $"{text}.total_seconds()" : $"({text}).total_seconds()";
    }

    public static string Format(double seconds) =>
        seconds == Math.Floor(seconds) && Math.Abs(seconds) < 1e15
            ? ((long)seconds).ToString(CultureInfo.InvariantCulture)
            : seconds.ToString("R", CultureInfo.InvariantCulture);

    private static double? Number(SyntaxNode node)
    {
        if (ConstantSyntax.From(node) is { ValueType: "int" or "float" } constant
            && double.TryParse(constant.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (node.Is("UnaryOp") && node.Scalar("op") == "USub" && node.Child("operand") is { } operand && Number(operand) is { } inner)
        {
            return -inner;
        }

        return null;
    }
}
