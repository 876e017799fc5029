using System.CommandLine;

namespace Assistant.Cli.Commands;

/// <summary>Options several verbs share, declared once.</summary>
internal static class SharedOptions
{
    public static Option<string?> Python() => new("--python")
    {
        Description = "The Python interpreter to use (default: $VIRTUAL_ENV, the repo's .venv/venv, python3 on PATH)",
    };
}
