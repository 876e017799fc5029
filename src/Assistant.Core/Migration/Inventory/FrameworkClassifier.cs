using Assistant.Core.Rules.UserRules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// Decides a parsed file's framework from what it imports and how it uses it: <c>flytekit</c> →
/// Flyte 1; <c>flyte</c> → Flyte 2; <c>prefect</c> with 1.x-only names (<c>Flow</c>, <c>Parameter</c>,
/// <c>prefect.tasks</c>, 1.x task keywords…) → Prefect 1; with 2/3-only names (<c>flow</c>,
/// <c>get_run_logger</c>…) → Prefect 2/3. A file that imports only <c>prefect.task</c> counts as Prefect 1,
/// the source this tool migrates, unless it uses 2/3-only keywords.
/// </summary>
internal static class FrameworkClassifier
{
    public static Framework Classify(PythonModule module, ImportTable imports, IReadOnlySet<string> projectFlowClasses, FrameworkAliasMap? aliases = null)
    {
        var qualified = module.Imports().SelectMany(Qualified).Select((aliases ?? FrameworkAliasMap.Empty).Map).ToList();
        if (qualified.Any(FrameworkApi.IsFlytekit))
        {
            return Framework.Flyte1;
        }

        if (qualified.Any(FrameworkApi.IsPrefect1Only) || qualified.Any(projectFlowClasses.Contains))
        {
            return Framework.Prefect1;
        }

        if (qualified.Any(FrameworkApi.IsPrefect2Only))
        {
            return Framework.Prefect2Or3;
        }

        if (qualified.Any(FrameworkApi.IsFlyte2))
        {
            return Framework.Flyte2;
        }

        if (qualified.Any(FrameworkApi.IsPrefect))
        {
            return UsesPrefect2TaskKeywords(module, imports) ? Framework.Prefect2Or3 : Framework.Prefect1;
        }

        return Framework.None;
    }

    private static IEnumerable<string> Qualified(ImportSyntax import) => import.IsFrom
        ? import.Names.Select(n => $"{import.Module}.{n.Name}").Append(import.Module ?? string.Empty)
        : import.Names.Select(n => n.Name);

    private static bool UsesPrefect2TaskKeywords(PythonModule module, ImportTable imports) =>
        module.Root.Descendants().Where(n => n.Is("Call") && FrameworkApi.IsPrefectTaskDecorator(imports.Resolve(n.Child("func"))))
            .SelectMany(n => new CallSyntax(n).Keywords)
            .Any(k => k.Name is "retry_delay_seconds" or "timeout_seconds" or "cache_key_fn" or "log_prints" or "persist_result" or "cache_policy");
}
