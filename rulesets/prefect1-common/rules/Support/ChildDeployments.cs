using System.Runtime.CompilerServices;
using Assistant.Core.Rules;
using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// The deployment a v1 <c>create_flow_run(flow_name=...)</c> starts in 2/3: <c>"&lt;flow name&gt;/&lt;deployment name&gt;"</c>, where the
/// deployment is the one the deployment step writes for the child flow (<c>deployments/&lt;slug&gt;.prefect.yaml</c>, named after
/// the slug of the flow's name). A literal flow name gives both parts; a name read from a constant
/// (<c>constants.CHILD_FLOW_NAME.value</c>) is matched with the <c>@flow(name=...)</c> of a flow of the project that reads the same
/// constant (through its own imports), or <c>child_flow.name</c> with the flow it names, and keeps the expression for the flow-name part.
/// </summary>
public static class ChildDeployments
{
    /// <summary>Python source for <c>run_deployment(name=...)</c>, and what the user must check about it (null: nothing).</summary>
    public sealed record Target(string NameSource, string? Caveat);

    private sealed record ProjectFlow(string? Literal, string? Key, string Function, string FlowName, bool HasDeploymentSettings);

    private static readonly ConditionalWeakTable<ProjectModel, IReadOnlyList<ProjectFlow>> ByProject = new();

    /// <summary>The deployment <paramref name="flowName"/> (the value of <c>flow_name=</c>) names, or null when it cannot be known.</summary>
    public static Target? Of(RuleContext context, SyntaxNode flowName)
    {
        var flows = ByProject.GetValue(context.Project, Read);
        if (ConstantSyntax.StringValue(flowName) is { } literal)
        {
            var slug = Names.Slug(literal);
            var source = Names.Quote($"{literal}/{slug}", context.Module.GetText(flowName));
            var child = flows.FirstOrDefault(f => f.Literal == literal);
            if (child is not null)
            {
                return new Target(source, child.HasDeploymentSettings ? null : NoSettings(literal, slug));
            }

            return new Target(source, ProjectFlowNames.DefinedElsewhere(context, literal)
                ? null
                : $"flow \"{literal}\" is not in this project: check that its deployment is named \"{slug}\"");
        }

        // The constant that names the child, or the child flow itself (flow_name=child_flow.name: the @flow function has a name too).
        if (Key(context.Module, flowName) is not { } key
            || (flows.FirstOrDefault(f => f.Key == key) ?? (flowName.Is("Attribute") && flowName.Scalar("attr") == "name" && Key(context.Module, flowName.Child("value")!) is { } function
                ? flows.FirstOrDefault(f => f.Function == function) : null)) is not { } found)
        {
            return null;
        }

        var expression = context.Module.GetText(flowName);
        var deployment = Names.Slug(found.FlowName);
        var name = expression.AsSpan().IndexOfAny("\"'\\{}\r\n") < 0 ? $"f\"{{{expression}}}/{deployment}\"" : $"{expression} + \"/{deployment}\"";
        return new Target(name, found.HasDeploymentSettings ? null : NoSettings(expression, deployment));
    }

    private static string NoSettings(string flowName, string deployment) =>
        $"the child flow ({flowName}) has no schedule, run config, storage or registration, so no deployment is written for it: deploy it as \"{deployment}\" before this flow runs";

    // The converted @flow functions of the project, with their name as a literal or as the key of the expression that names it, and
    // the copies of them a module names with a literal (x = deepcopy(flow); x.name = "N"), which the deployment step makes flows of
    // their own (x = flow.with_options(name="N"), whose x.name is "N" too).
    private static IReadOnlyList<ProjectFlow> Read(ProjectModel project)
    {
        var flows = new List<ProjectFlow>();
        foreach (var module in project.Modules)
        {
            foreach (var flow in FlowFunction.In(module))
            {
                var name = flow.DecoratorCall?.Keyword("name")?.Value;
                flows.Add(new ProjectFlow(ConstantSyntax.StringValue(name), name is null ? null : Key(module, name), $"{ProjectModel.ModuleName(module.Path)}.{flow.Name}",
                    flow.FlowName, flow.HasDeploymentSettings(module)));
            }

            foreach (var copy in FlowCopy.In(module, project))
            {
                var settings = copy.Settings(module).Select(s => (Attribute: s.Children("targets")[0].Scalar("attr"), Value: s.Child("value"))).ToList();
                if (ConstantSyntax.StringValue(settings.LastOrDefault(s => s.Attribute == "name").Value) is { } copyName)
                {
                    flows.Add(new ProjectFlow(copyName, null, $"{ProjectModel.ModuleName(module.Path)}.{copy.Name}", copyName,
                        settings.Any(s => FlowFunction.DeploymentSettings.Contains(s.Attribute!))));
                }
            }

            flows.AddRange(ConvertedCopies(module, project));
        }

        // Then the flows not converted (yet): a converted flow of the same name is the one the deployment step writes for.
        flows.AddRange(project.Modules.SelectMany(V1Flows));
        return flows;
    }

    // The copies the deployment step has already converted (x = flow.with_options(name="N") at module level, flow an @flow function
    // of this module or one it imports): the same flows as the v1 copies they were, so a flow of flows reads them alike before and
    // after (a TODO written for one names the same deployment when the converted code is read again). Its deployment file was
    // written with it when the copy had deployment settings; the code no longer says, so none is assumed missing.
    private static IEnumerable<ProjectFlow> ConvertedCopies(PythonModule module, ProjectModel project)
    {
        foreach (var statement in module.Body)
        {
            if (!statement.Is("Assign") || statement.Children("targets") is not [{ Kind: "Name" } target]
                || CallSyntax.From(statement.Child("value")) is not { Arguments.Count: 0, Keywords.Count: 1 } call
                || call.Function is not { Kind: "Attribute" } method || method.Scalar("attr") != "with_options"
                || method.Child("value") is not { Kind: "Name" } original || ConstantSyntax.StringValue(call.Keyword("name")?.Value) is not { } name)
            {
                continue;
            }

            if (FlowFunction.Named(module, project, original.Scalar("id")!) is not null)
            {
                yield return new ProjectFlow(name, null, $"{ProjectModel.ModuleName(module.Path)}.{target.Scalar("id")}", name, true);
            }
        }
    }

    // The flows of a module not converted (yet): the wizard reads the project's other flows as they stand, Prefect 1 code. A
    // `with Flow(...) as x:` block or `x = Flow(...)` becomes the function the flow-definition step names, with that deployment.
    private static IEnumerable<ProjectFlow> V1Flows(PythonModule module)
    {
        foreach (var statement in module.Body)
        {
            var (call, variable, imperative) = statement.Kind switch
            {
                "With" when statement.Children("items") is [var item] => (CallSyntax.From(item.Child("context_expr")), item.Child("optional_vars")?.Scalar("id"), false),
                "Assign" when new AssignSyntax(statement).TargetNames is [var target] && statement.Children("targets")[0].Is("Name") => (CallSyntax.From(statement.Child("value")), target, true),
                _ => (null, null, false),
            };
            if (call is null || ProjectFlowNames.LastPart(call.Function) != "Flow" || (imperative && variable is null))
            {
                continue;
            }

            var name = call.Keyword("name")?.Value ?? call.Arguments.FirstOrDefault();
            var literal = ConstantSyntax.StringValue(name);
            var function = imperative ? FlowFunctionName.ForImperative(module, variable!, literal) : FlowFunctionName.ForBlock(module, variable, literal);
            yield return new ProjectFlow(literal, name is null ? null : Key(module, name), $"{ProjectModel.ModuleName(module.Path)}.{function}",
                literal ?? function.Replace('_', '-'), FlowFunction.HasDeploymentSettings(module, call, variable));
        }
    }

    /// <summary>
    /// What a dotted expression stands for across the project: its first name resolved through the module's imports (relative ones
    /// too) or, when the module binds it itself, prefixed with the module's own name. Null for anything else.
    /// </summary>
    internal static string? Key(PythonModule module, SyntaxNode expression)
    {
        if (expression.DottedName() is not { } dotted)
        {
            return null;
        }

        var head = dotted.Split('.')[0];
        var rest = dotted[head.Length..];
        foreach (var import in module.Imports())
        {
            foreach (var name in import.Names.Where(n => n.BoundName == head))
            {
                if (!import.IsFrom)
                {
                    return name.Alias is null ? dotted : name.Name + rest;
                }

                return PythonImports.AbsoluteModule(module.Path, import) is { } from ? $"{from}.{name.Name}{rest}" : null;
            }
        }

        return $"{ProjectModel.ModuleName(module.Path)}.{dotted}";
    }
}
