using Assistant.Core.Rules;

namespace Assistant.Rulesets.Prefect.Support;

/// <summary>
/// Base of the rules shared by the Prefect 2 and Prefect 3 rulesets: one implementation, two sealed
/// subclasses (PF2xx / PF3xx) that only fix the id. What differs per target is read from
/// <see cref="RuleOptions.Target"/>.
/// </summary>
public abstract class PrefectRule : IRule
{
    protected PrefectRule(string id, string name, string step, Safety safety, string summary, string why, string example)
    {
        Descriptor = new RuleDescriptor(id, name, step, safety, summary, why, example);
    }

    public RuleDescriptor Descriptor { get; }

    protected string Id => Descriptor.Id;

    public IEnumerable<Finding> Analyze(RuleContext context) => Find(context);

    protected abstract IEnumerable<Finding> Find(RuleContext context);

    protected static bool IsPrefect3(RuleContext context) => PrefectTarget.IsPrefect3(context.Options);
}

/// <summary>Base of the file rules shared by both Prefect rulesets.</summary>
public abstract class PrefectFileRule : IFileRule
{
    protected PrefectFileRule(string id, string name, string step, Safety safety, string summary, string why, string example)
    {
        Descriptor = new RuleDescriptor(id, name, step, safety, summary, why, example);
    }

    public RuleDescriptor Descriptor { get; }

    protected string Id => Descriptor.Id;

    public abstract bool AppliesTo(string path);

    public abstract IEnumerable<Finding> Analyze(FileRuleContext context);
}
