namespace Assistant.Core.Rules.UserRules;

/// <summary>A compile error of a user rule file, positioned for editors (1-based line and column).</summary>
public sealed record UserRuleDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: error {Code}: {Message}";
}
