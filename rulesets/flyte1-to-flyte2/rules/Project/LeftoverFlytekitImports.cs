using Assistant.Core.Rules;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY599: after every other rule, flytekit imports still read get a TODO (the others are removed).</summary>
public sealed class LeftoverFlytekitImports : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY599",
        "leftover-flytekit-imports",
        "images-and-project",
        Safety.Safe,
        "Removes flytekit imports freed by the later steps and marks the ones still in use with a TODO.",
        "No flytekit import may remain silently: Flyte 2 code must not depend on flytekit (reference/flyte.md §2, §18).",
        "from flytekit import kwtypes  →  # TODO(flowmigrate FLY599): kwtypes still come(s) from flytekit ...");

    public IEnumerable<Finding> Analyze(RuleContext context) => ImportCleanup.Analyze(context, Descriptor.Id, todoLeftovers: true);
}
