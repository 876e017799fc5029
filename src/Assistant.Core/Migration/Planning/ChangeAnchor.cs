using System.Security.Cryptography;
using System.Text;
using Assistant.Core.Rules;

namespace Assistant.Core.Migration.Planning;

/// <summary>
/// A short, stable name for one finding in one file: a hash of the rule, its message and the text of
/// the construct it points at. Unrelated edits elsewhere in the file do not change it, so a decision
/// recorded against it (a change turned off) is replayed when the step is planned again.
/// </summary>
public static class ChangeAnchor
{
    public static string Compute(Finding finding, string text)
    {
        var span = finding.Span.End <= text.Length ? text.Substring(finding.Span.Start, finding.Span.Length) : string.Empty;
        var key = $"{finding.RuleId}\0{finding.Message}\0{string.Join(' ', span.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..10];
    }
}
