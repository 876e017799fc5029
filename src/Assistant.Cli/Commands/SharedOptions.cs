using System.CommandLine;

namespace Assistant.Cli.Commands;

/// <summary>Options several verbs share, declared once.</summary>
internal static class SharedOptions
{
    public static Option<string?> Python() => new("--python")
    {
        Description = "The Python interpreter to use (default: $VIRTUAL_ENV, the repo's .venv/venv, python3 on PATH)",
    };

    public static Argument<string?> Path() => new("path") { Description = "The repository (default: the current directory)", Arity = ArgumentArity.ZeroOrOne };

    public static Option<string?> Base() => new("--base") { Description = "Start flow branches from this ref (default: base_branch in .flowmigrate/config.yaml, else the current branch)" };

    public static Option<string?> Target() => new Option<string?>("--target", "--prefect-target")
    {
        Description = "Prefect target: prefect2 or prefect3 (default: prefect_target in .flowmigrate/config.yaml, else prefect3)",
    }.AcceptOnlyFromAmong("prefect2", "prefect3");

    public static Option<string?> Mode() => new Option<string?>("--mode") { Description = "side-by-side or in-place (default: mode in .flowmigrate/config.yaml, else side-by-side)" }
        .AcceptOnlyFromAmong("side-by-side", "in-place");

    public static Option<bool> Submodules() => new("--submodules")
    {
        Description = "Also scan submodules and nested repositories (default: submodules in .flowmigrate/config.yaml, else off); their flows migrate in their own repository",
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON (schemas in the README)" };
}
