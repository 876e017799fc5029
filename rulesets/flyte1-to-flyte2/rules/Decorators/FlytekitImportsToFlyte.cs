using Assistant.Core.Rules;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Decorators;

/// <summary>FLY210: flytekit names with a direct Flyte 2 counterpart are replaced; flytekit imports no longer used are removed.</summary>
public sealed class FlytekitImportsToFlyte : IRule
{
    public RuleDescriptor Descriptor { get; } = new(
        "FLY210",
        "flytekit-imports",
        "decorators",
        Safety.Safe,
        "Replaces flytekit names that have a direct Flyte 2 counterpart (Resources, PodTemplate, FlyteFile → flyte.io.File, FlyteDirectory → flyte.io.Dir, StructuredDataset → flyte.io.DataFrame), adds `import flyte` once and removes flytekit imports nothing reads.",
        "Flyte 2 is a different package (reference/flyte.md §2, §12); leftover flytekit imports would keep the old SDK as a dependency.",
        "from flytekit.types.file import FlyteFile; def f() -> FlyteFile  →  import flyte.io; def f() -> flyte.io.File");

    public IEnumerable<Finding> Analyze(RuleContext context) => ImportCleanup.Analyze(context, Descriptor.Id, todoLeftovers: false);
}
