using Assistant.Core.Rules;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// <c>LocalResult(...).read(location)</c> / <c>result.read(location)</c> on a v1 Result (reference §10.2): 2/3
/// results are read from the run's state (<c>state.result()</c>, needs persistence) or through the storage block → TODO.
/// </summary>
public static class ResultReads
{
    public static IEnumerable<Finding> Find(string ruleId, RuleContext context, PrefectSymbols symbols)
    {
        var module = context.Module;
        bool IsResult(SyntaxNode? node) => node is not null && symbols.Resolve(node) is { } name && name.StartsWith("prefect.engine.results.", StringComparison.Ordinal);
        var instances = module.Body.Where(s => s.Is("Assign") && CallSyntax.From(s.Child("value")) is { } c && IsResult(c.Function))
            .SelectMany(s => new AssignSyntax(s).TargetNames).ToHashSet(StringComparer.Ordinal);
        foreach (var call in ModuleIndex.Of(module).Nodes("Call").Select(n => new CallSyntax(n)))
        {
            if (call.Function.Scalar("attr") != "read" || call.Function.Child("value") is not { } owner
                || !(CallSyntax.From(owner) is { } constructor && IsResult(constructor.Function) || owner.Is("Name") && instances.Contains(owner.Scalar("id")!)))
            {
                continue;
            }

            yield return new Finding(ruleId, call.Node.Span, "v1 Result.read() has no 2/3 equivalent")
            {
                Todo = new ManualTodo($"{module.GetText(call.Node)}: 2/3 have no Result.read(location); read the value from the task run's state (state.result(), with persist_result=True) or from the result_storage block (read_path)", "reference/prefect.md §10.2"),
            };
        }
    }
}
