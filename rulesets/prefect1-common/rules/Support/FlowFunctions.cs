using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>A module-level <c>@flow</c> function (after the flow-definition step) and its decorator call.</summary>
public sealed record FlowFunction(FunctionDefSyntax Function, SyntaxNode Decorator)
{
    public string Name => Function.Name;

    public CallSyntax? DecoratorCall => CallSyntax.From(Decorator);

    /// <summary>The display name (<c>name=</c>), else the 2/3 default (function name with - for _).</summary>
    public string FlowName => ConstantSyntax.StringValue(DecoratorCall?.Keyword("name")?.Value) ?? Name.Replace('_', '-');

    /// <summary>The v1 settings that belong to a deployment in 2/3 (decorator keywords carried from <c>Flow(...)</c>, or <c>f.setting = ...</c>).</summary>
    public static readonly IReadOnlyList<string> DeploymentSettings = ["schedule", "run_config", "storage"];

    /// <summary>Whether the deployment step writes a deployment file for this flow: it still has a v1 schedule, run config or storage
    /// (a decorator keyword other than None, or a module-level assignment), or a <c>register(...)</c> call.</summary>
    public bool HasDeploymentSettings(PythonModule module) => HasDeploymentSettings(module, DecoratorCall, Name);

    /// <summary>The same for a flow made by <paramref name="call"/> (its <c>@flow(...)</c>, or a Prefect 1 <c>Flow(...)</c> not converted
    /// yet) and bound to <paramref name="name"/> at module level.</summary>
    public static bool HasDeploymentSettings(PythonModule module, CallSyntax? call, string? name) =>
        DeploymentSettings.Any(s => call?.Keyword(s) is { } keyword && ConstantSyntax.From(keyword.Value)?.ValueType != "none")
        || (name is not null && ModuleStatements(module, name).Any(s => (s.Is("Assign") && DeploymentSettings.Contains(Attribute(s))) || (s.Is("Expr") && Attribute(s) == "register")));

    // Most rules of every pass ask: read once per (immutable) module.
    private static readonly object Key = new();

    public static IReadOnlyList<FlowFunction> In(PythonModule module) => module.Fact(Key, Read);

    /// <summary>The @flow function <paramref name="name"/> stands for in <paramref name="module"/>: one defined there, or in the
    /// project module it is imported from; null otherwise.</summary>
    public static FlowFunction? Named(PythonModule module, ProjectModel project, string name) =>
        In(module).FirstOrDefault(f => f.Name == name)
        ?? (ProjectImports.Origin(module, project, name) is { } origin ? In(origin.Module).FirstOrDefault(f => f.Name == origin.Name) : null);

    private static IReadOnlyList<FlowFunction> Read(PythonModule module) =>
        module.Body.Where(s => s.Kind is "FunctionDef" or "AsyncFunctionDef").Select(s => new FunctionDefSyntax(s))
            .Select(f => (f, d: f.Decorators.FirstOrDefault(IsFlowDecorator)))
            .Where(p => p.d is not null).Select(p => new FlowFunction(p.f, p.d!)).ToList();

    private static bool IsFlowDecorator(SyntaxNode decorator)
    {
        var target = decorator.Is("Call") ? decorator.Child("func") : decorator;
        return target?.DottedName() is "flow" or "prefect.flow";
    }

    /// <summary>Module-level statements <c>name.attr = value</c> / <c>name.method(...)</c> (also under <c>if __name__ == "__main__":</c>
    /// and in a <c>with prefect.context(secrets=...)</c> block, which becomes such a guard: <see cref="LocalSecrets"/>).</summary>
    public IEnumerable<SyntaxNode> ModuleStatements(PythonModule module) => ModuleStatements(module, Name);

    /// <summary>The module-level statements on <paramref name="name"/> (see the instance overload).</summary>
    public static IEnumerable<SyntaxNode> ModuleStatements(PythonModule module, string name)
    {
        foreach (var statement in module.Body)
        {
            if ((statement.Is("If") && IsMainGuard(statement)) || LocalSecrets.Of(statement) is not null)
            {
                foreach (var inner in statement.Children("body"))
                {
                    if (Targets(inner, name))
                    {
                        yield return inner;
                    }
                }
            }
            else if (Targets(statement, name))
            {
                yield return statement;
            }
        }
    }

    /// <summary><c>name.run(...)</c> statements: at module level (<see cref="ModuleStatements"/>), and directly in the body
    /// of another module-level function that does not bind the name itself (a <c>main()</c> that runs the flow).</summary>
    public IEnumerable<SyntaxNode> RunStatements(PythonModule module)
    {
        foreach (var statement in ModuleStatements(module).Where(s => s.Is("Expr") && Attribute(s) == "run"))
        {
            yield return statement;
        }

        foreach (var function in module.Body.Where(s => s.Kind is "FunctionDef" or "AsyncFunctionDef" && !ReferenceEquals(s, Function.Node)).Select(s => new FunctionDefSyntax(s)))
        {
            // The run statements of its body first: most functions (the tasks) have none, and then whether the function
            // binds the name changes nothing, so their whole bodies are not walked to find out.
            var runs = function.Body.Where(s => s.Is("Expr") && Targets(s, Name) && Attribute(s) == "run").ToList();
            if (runs.Count == 0 || function.ParameterNames.Contains(Name) || function.Node.Descendants().Any(n => n.Is("Name") && n.Scalar("id") == Name && n.Scalar("ctx") != "Load")
                || function.Node.Descendants().Any(n => n.Kind is "Global" or "Nonlocal"))
            {
                continue;
            }

            foreach (var statement in runs)
            {
                yield return statement;
            }
        }
    }

    private static bool Targets(SyntaxNode statement, string name)
    {
        SyntaxNode? head = statement.Kind switch
        {
            "Assign" => statement.Children("targets").FirstOrDefault(),
            "Expr" when statement.Child("value") is { } v && v.Is("Call") => v.Child("func"),
            "Assign" or "AnnAssign" => statement.Child("target"),
            _ => null,
        };
        if (statement.Is("Assign") && statement.Child("value") is { } value && value.Is("Call") && value.Child("func") is { } f && f.Is("Attribute")
            && f.Child("value")?.Is("Name") == true && f.Child("value")!.Scalar("id") == name)
        {
            return true;
        }

        return head is not null && head.Is("Attribute") && head.Child("value")?.Is("Name") == true && head.Child("value")!.Scalar("id") == name;
    }

    public static bool IsMainGuard(SyntaxNode ifStatement) =>
        ifStatement.Child("test") is { } test && test.Is("Compare") && test.Child("left")?.DottedName() == "__name__";

    public static string Attribute(SyntaxNode statement)
    {
        var head = statement.Is("Assign") ? statement.Children("targets")[0] : statement.Child("value")!.Child("func")!;
        if (statement.Is("Assign") && !head.Is("Attribute"))
        {
            head = statement.Child("value")!.Child("func")!;
        }

        return head.Scalar("attr") ?? string.Empty;
    }
}
