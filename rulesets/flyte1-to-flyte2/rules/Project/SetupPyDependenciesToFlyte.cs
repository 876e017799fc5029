using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;
using Assistant.Rulesets.Flyte.Shared;

namespace Assistant.Rulesets.Flyte.Project;

/// <summary>FLY513: <c>flytekit</c> / <c>flytekitplugins-*</c> requirement strings in <c>setup.py</c> → <c>flyte</c> / <c>flyteplugins-*</c>.</summary>
public sealed class SetupPyDependenciesToFlyte : IRule
{
    private static readonly string[] RequirementKeywords = ["install_requires", "extras_require", "setup_requires", "tests_require"];

    public RuleDescriptor Descriptor { get; } = new(
        "FLY513",
        "setup-py-dependencies-to-flyte",
        "images-and-project",
        Safety.Review,
        "In setup.py, requirement strings of setup(install_requires=[...], extras_require={...}) naming flytekit become flyte>=2,<3 and flytekitplugins-X become flyteplugins-Y; plugins without a Flyte 2 package get a TODO.",
        "setup.py is Python, so the manifest rule (FLY510) does not read it; its requirements change the same way (reference/flyte.md §2, §15).",
        "install_requires=[\"flytekit>=1.10\"]  →  install_requires=[\"flyte>=2,<3\"]");

    public IEnumerable<Finding> Analyze(RuleContext context)
    {
        var module = context.Module;
        if (!module.Path.EndsWith("setup.py", StringComparison.Ordinal))
        {
            yield break;
        }

        var calls = module.Root.Descendants().Where(n => n.Is("Call") && n.Child("func")?.DottedName() is "setup" or "setuptools.setup").Select(n => new CallSyntax(n));
        foreach (var keyword in calls.SelectMany(c => c.Keywords).Where(k => k.Name is not null && RequirementKeywords.Contains(k.Name)))
        {
            foreach (var constant in keyword.Value.DescendantsAndSelf().Where(n => n.Is("Constant") && n.Scalar("vt") == "str"))
            {
                if (constant.Parent is { Kind: "Dict" } dict && dict.Children("keys").Contains(constant))
                {
                    // extras_require keys are extra names, not requirements.
                    continue;
                }

                var value = ConstantSyntax.StringValue(constant)!;
                var name = Packages.Name(value);
                if (Packages.Replacement(name, context.Tables) is not { } replacement)
                {
                    continue;
                }

                var literal = module.GetText(constant);
                if (replacement.Length == 0)
                {
                    var note = $"{name} has no Flyte 2 plugin: remove it once the code that uses it is ported (reference/flyte.md §15)";
                    yield return new Finding(Descriptor.Id, constant.Span, note) { Todo = new ManualTodo(note, "reference/flyte.md §15") };
                    continue;
                }

                if (literal.Length < 2 || literal[0] is not ('"' or '\''))
                {
                    continue;
                }

                var requirement = replacement == "flyte" ? Packages.FlyteRequirement : replacement;
                yield return new Finding(Descriptor.Id, constant.Span, $"{name} → {requirement}")
                {
                    Fix = Fix.Review($"depend on {requirement}", TextEdit.Replace(constant.Span, literal[0] + requirement + literal[0])),
                };
            }
        }
    }
}
