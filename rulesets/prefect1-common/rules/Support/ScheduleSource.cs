using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The module a flow's schedule is written in (the flow's own, or the project module it imports the schedule from), with that
/// module's Prefect names, so the schedule's text and its classes are read where they are.
/// </summary>
public sealed record ScheduleSource(PythonModule Module, PrefectSymbols Symbols)
{
    public string Text(SyntaxNode node) => Module.GetText(node);

    /// <summary>The class a schedule or clock call makes (<c>IntervalClock</c>), through the module's imports.</summary>
    public string? Kind(CallSyntax call) => (Symbols.Resolve(call.Function) ?? call.FunctionName)?.Split('.')[^1];
}
