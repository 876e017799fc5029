namespace Assistant.Core.Rules;

/// <summary>
/// A migration rule: looks at one Python module and returns findings, each with an optional fix.
/// Rules must be deterministic, must not keep state between calls, and must be idempotent: on
/// code they already converted they return no fix.
/// </summary>
public interface IRule
{
    RuleDescriptor Descriptor { get; }

    IEnumerable<Finding> Analyze(RuleContext context);
}
