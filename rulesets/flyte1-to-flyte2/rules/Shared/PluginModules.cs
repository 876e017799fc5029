using System.Text.RegularExpressions;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// The <c>flyteplugins</c> modules a piece of Flyte 2 code names (<c>flyteplugins.spark.Spark(…)</c> → <c>flyteplugins.spark</c>),
/// each of which the module must import. One compiled pattern: the rules ask on every pass, and a pattern given as a string is
/// looked up in the runtime's shared regex cache on each call.
/// </summary>
internal static partial class PluginModules
{
    public static IEnumerable<string> NamedIn(string text) => Reference().Matches(text).Select(m => "flyteplugins." + m.Groups[1].Value);

    [GeneratedRegex(@"\bflyteplugins\.([a-z_]+)\.")]
    private static partial Regex Reference();
}
