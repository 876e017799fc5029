namespace Assistant.Core.Rules;

/// <summary>
/// What a rule is, in the fixed sections its docs use (ruff's layout).
/// </summary>
/// <param name="Id">Stable code: <c>FLY…</c>, <c>PF2…</c>, <c>PF3…</c>, <c>PFC…</c> or a user prefix.</param>
/// <param name="Name">The old pattern, in kebab case: <c>task-resources-to-environment</c>.</param>
/// <param name="Step">Id of the migration step the rule belongs to (from the ruleset manifest).</param>
/// <param name="Safety">The safety level of its fixes.</param>
/// <param name="Summary">What it does, in one line.</param>
/// <param name="Why">Why the change is needed, with the reference section (<c>reference/flyte.md §4</c>).</param>
/// <param name="Example">A short before/after example.</param>
public sealed record RuleDescriptor(string Id, string Name, string Step, Safety Safety, string Summary, string Why, string Example);
