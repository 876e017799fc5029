using Assistant.Rulesets.Prefect.Files;

namespace Assistant.Rulesets.Prefect2.Files;

/// <summary>PF243: see <see cref="CliCommandsRule"/> (Prefect 2 target).</summary>
public sealed class PF243CliCommands() : CliCommandsRule("PF243");
