using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Decorators;

/// <summary>FLY202: in an async task (a former <c>@eager</c>), <c>await sync_task(...)</c> → <c>await sync_task.aio(...)</c>.</summary>
public sealed class AwaitSyncTaskWithAio : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY202",
        "eager-awaits-sync-task",
        "decorators",
        Safety.Safe,
        "Inside async tasks (former @eager workflows), awaiting a sync task of the module becomes `await task.aio(...)`.",
        "@eager awaited every task; in Flyte 2 only async tasks return awaitables, a sync task is awaited through .aio (reference/flyte.md §7.1, §7.2, gotcha 12).",
        "@eager async def main(): return await add(x=1)  →  @env.task async def main(): return await add.aio(x=1)");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var tasks = FlyteEnvironments.Tasks(context.Module);
        var sync = tasks.Where(t => !t.Function.IsAsync).Select(t => t.Function.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (function, _) in tasks.Where(t => t.Function.IsAsync))
        {
            foreach (var await in function.Node.Descendants().Where(n => n.Is("Await")))
            {
                if (CallSyntax.From(await.Child("value")) is { } call && call.Function.Is("Name") && sync.Contains(call.FunctionName!))
                {
                    yield return new Finding(Descriptor.Id, call.Function.Span, $"{call.FunctionName} is a sync task: await it through .aio")
                    {
                        Fix = Fix.Safe("await a sync task via .aio", TextEdit.Insert(call.Function.Span.End, ".aio")),
                    };
                }
            }
        }
    }
}
