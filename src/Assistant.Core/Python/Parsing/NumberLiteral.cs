using System.Globalization;
using System.Numerics;

namespace Assistant.Core.Python.Parsing;

/// <summary>A number literal's constant as the worker writes it: its type (int, float, complex) and Python's repr of its value.</summary>
internal static class NumberLiteral
{
    public static (string Type, string Text) Value(string literal)
    {
        // Most literals are plain decimal integers ("0", "3", "100"), which are their own repr.
        if ((literal.Length == 1 || literal[0] != '0') && !literal.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return ("int", literal);
        }

        var text = literal.Replace("_", "", StringComparison.Ordinal);
        if (text[^1] is 'j' or 'J')
        {
            return ("complex", ImaginaryText(Parse(text[..^1])));
        }

        if (text.Length > 1 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'x' or 'o' or 'b')
        {
            var radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var value = BigInteger.Zero;
            foreach (var digit in text.AsSpan(2))
            {
                value = (value * radix) + Convert.ToInt32(digit.ToString(), 16);
            }

            return ("int", value.ToString(CultureInfo.InvariantCulture));
        }

        if (text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0)
        {
            return ("float", FloatText(Parse(text)));
        }

        return ("int", BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Python's repr of a float: the shortest digits that round-trip, fixed between 1e-4 and 1e16, else 1e+16 style.</summary>
    public static string FloatText(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }

        if (value == 0)
        {
            return "0.0";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integer = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? "" : mantissa[(dot + 1)..];
        var digits = integer + fraction;
        var point = integer.Length + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        point -= leading;
        if (digits.Length == 0)
        {
            return "0.0";
        }

        if (point is > -4 and <= 16)
        {
            if (point <= 0)
            {
                return "0." + new string('0', -point) + digits;
            }

            return point >= digits.Length
                ? digits + new string('0', point - digits.Length) + ".0"
                : digits[..point] + "." + digits[point..];
        }

        var power = point - 1;
        var head = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        return head + "e" + (power < 0 ? "-" : "+") + Math.Abs(power).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string ImaginaryText(double value)
    {
        var text = FloatText(value);
        return (text.EndsWith(".0", StringComparison.Ordinal) ? text[..^2] : text) + "j";
    }
}
