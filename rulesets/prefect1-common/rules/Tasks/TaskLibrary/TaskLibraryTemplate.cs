namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// What replaces one Prefect 1 task-library class (reference §16): a <c>@task</c> function written into the
/// converted module that does what the class's <c>run()</c> did. Every <c>__init__</c> setting and every
/// <c>run()</c> argument is a parameter with the v1 default, in <c>run()</c>'s order, so an instance's settings
/// become keywords at its calls and run-time arguments still override them.
/// </summary>
/// <param name="Module">The v1 package of the class (<c>prefect.tasks.docker</c>); deeper submodules match too.</param>
/// <param name="ClassName">The v1 class name.</param>
/// <param name="InitOrder">The <c>__init__</c> parameters in order (where positional constructor arguments go).</param>
/// <param name="Parameters">The function's parameters as Python source (<c>name=default</c>, <c>name</c>, <c>**kwargs</c>).</param>
/// <param name="Body">The function body (docstring first), indented by four spaces, lines separated by <c>\n</c>.</param>
/// <param name="Packages">The distributions the body imports (for the dependency manifests).</param>
/// <param name="UsesLogger">Does the body call <c>get_run_logger()</c>?</param>
/// <param name="SecretParameter">The parameter naming a v1 secret the body loads as a Secret block (the blocks to create get a TODO).</param>
/// <param name="AllowFailure">The parameter whose argument each call wraps in <c>allow_failure(...)</c>: the v1 class ran after failed
/// upstream tasks too and received their exceptions.</param>
public sealed record TaskLibraryTemplate(
    string Module,
    string ClassName,
    IReadOnlyList<string> InitOrder,
    IReadOnlyList<string> Parameters,
    string Body,
    IReadOnlyList<string> Packages,
    bool UsesLogger = false,
    string? SecretParameter = null,
    string? AllowFailure = null)
{
    /// <summary>The parameter names (without defaults or stars).</summary>
    public IEnumerable<string> ParameterNames => Parameters.Select(ParameterName);

    /// <summary>Parameters that may be passed by keyword (not <c>*args</c>/<c>**kwargs</c>).</summary>
    public bool HasParameter(string name) => Parameters.Any(p => !p.StartsWith('*') && ParameterName(p) == name);

    /// <summary>Does the function take <c>**kwargs</c> (any keyword is a run-time argument)?</summary>
    public bool TakesAnyKeyword => Parameters.Any(p => p.StartsWith("**", StringComparison.Ordinal));

    /// <summary>Does <paramref name="resolvedPath"/> (a resolved import path) name this class?</summary>
    public bool Matches(string resolvedPath) =>
        resolvedPath == $"{Module}.{ClassName}"
        || (resolvedPath.StartsWith(Module + ".", StringComparison.Ordinal) && resolvedPath.EndsWith("." + ClassName, StringComparison.Ordinal));

    /// <summary>The function's source: decorator, signature (one parameter per line when long) and body.</summary>
    public string FunctionText(string decorator, string functionName, string newLine)
    {
        var single = $"def {functionName}({string.Join(", ", Parameters)}):";
        var signature = single.Length <= 88
            ? single
            : $"def {functionName}(\n{string.Concat(Parameters.Select(p => $"    {p},\n"))}):";
        return $"@{decorator}\n{signature}\n{Body.TrimEnd('\n')}\n".Replace("\n", newLine);
    }

    private static string ParameterName(string parameter)
    {
        var name = parameter.TrimStart('*');
        var equals = name.IndexOf('=');
        return (equals < 0 ? name : name[..equals]).Trim();
    }
}
