using Assistant.Core.Source;

namespace Assistant.Core.Python;

/// <summary>A parsed module, or the syntax error that prevented it.</summary>
public sealed record ParseOutcome(PythonModule? Module, SyntaxDiagnostic? SyntaxError)
{
    public bool IsSuccess => Module is not null;
}
