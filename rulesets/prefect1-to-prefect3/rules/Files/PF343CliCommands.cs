using Assistant.Rulesets.Prefect.Files;

namespace Assistant.Rulesets.Prefect3.Files;

/// <summary>PF343: see <see cref="CliCommandsRule"/> (Prefect 3 target).</summary>
public sealed class PF343CliCommands() : CliCommandsRule("PF343");
