using Assistant.Core.Rules.Authoring;
using Assistant.Core.Source;
using Assistant.Core.Source.Syntax;

namespace Assistant.Rulesets.Flyte.Shared;

/// <summary>
/// A launch plan's <c>notifications=[Email(phases=[...], recipients_email=[...]), ...]</c> as the value of
/// <c>flyte.Trigger(notifications=...)</c> (reference/flyte.md §9.4): each becomes
/// <c>flyte.notify.Email(on_phase=flyte.models.ActionPhase.X, recipients=(...))</c>. flytekit's Slack and PagerDuty notifications
/// are email gateways (they mail the given addresses), so they become an Email to the same addresses. Only the terminal
/// phases Flyte 1 notified on (SUCCEEDED, FAILED, ABORTED, TIMED_OUT) exist in both; anything else leaves the TODO.
/// </summary>
internal static class NotificationsText
{
    /// <summary>The modules the converted text names, to import.</summary>
    public static readonly string[] Imports = ["flyte.notify", "flyte.models"];

    private static readonly HashSet<string> Notifiers =
    [
        "flytekit.Email", "flytekit.Slack", "flytekit.PagerDuty",
        "flytekit.core.notification.Email", "flytekit.core.notification.Slack", "flytekit.core.notification.PagerDuty",
    ];

    private static readonly HashSet<string> PhaseClasses = ["flytekit.WorkflowExecutionPhase", "flytekit.models.core.execution.WorkflowExecutionPhase"];

    private static readonly HashSet<string> TerminalPhases = ["SUCCEEDED", "FAILED", "ABORTED", "TIMED_OUT"];

    /// <summary>The Flyte 2 tuple of notifications, or null when one of them is not a plain flytekit Email/Slack/PagerDuty call.</summary>
    public static string? Convert(PythonModule module, SyntaxNode notifications, IReadOnlyList<ImportBinding> bindings)
    {
        var items = notifications.Kind is "List" or "Tuple" ? notifications.Children("elts") : [notifications];
        if (items.Count == 0)
        {
            return null;
        }

        var converted = new List<string>();
        foreach (var item in items)
        {
            if (Email(module, item, bindings) is not { } email)
            {
                return null;
            }

            converted.Add(email);
        }

        return "(" + string.Join(", ", converted) + (converted.Count == 1 ? ",)" : ")");
    }

    private static string? Email(PythonModule module, SyntaxNode item, IReadOnlyList<ImportBinding> bindings)
    {
        if (CallSyntax.From(item) is not { } call || PythonImports.Resolve(call.Function, bindings) is not { } notifier || !Notifiers.Contains(notifier)
            || call.Arguments.Count > 2 || call.Arguments.Any(a => a.Is("Starred"))
            || call.Keywords.Any(k => k.Name is not ("phases" or "recipients_email")))
        {
            return null;
        }

        var phases = call.Keyword("phases")?.Value ?? call.Arguments.ElementAtOrDefault(0);
        var recipients = call.Keyword("recipients_email")?.Value ?? call.Arguments.ElementAtOrDefault(1);
        if (phases is null || recipients is null || Phases(phases, bindings) is not { Count: > 0 } names)
        {
            return null;
        }

        var onPhase = names.Count == 1 ? Phase(names[0]) : "(" + string.Join(", ", names.Select(Phase)) + ")";
        return $"flyte.notify.Email(on_phase={onPhase}, recipients={Recipients(module, recipients)})";
    }

    // [WorkflowExecutionPhase.FAILED, ...] → ["FAILED", ...]; null when an element is anything else.
    private static List<string>? Phases(SyntaxNode phases, IReadOnlyList<ImportBinding> bindings)
    {
        var elements = phases.Kind is "List" or "Tuple" ? phases.Children("elts") : [phases];
        var names = new List<string>();
        foreach (var element in elements)
        {
            if (AttributeSyntax.From(element) is not { } attribute || PythonImports.Resolve(attribute.Value, bindings) is not { } owner
                || !PhaseClasses.Contains(owner) || !TerminalPhases.Contains(attribute.Attribute))
            {
                return null;
            }

            names.Add(attribute.Attribute);
        }

        return names;
    }

    private static string Phase(string name) => "flyte.models.ActionPhase." + name;

    // ["a", "b"] → ("a", "b"); ["a"] → ("a",); any other expression → tuple(expr).
    private static string Recipients(PythonModule module, SyntaxNode recipients)
    {
        if (recipients.Kind is not ("List" or "Tuple") || recipients.Children("elts").Any(e => e.Is("Starred")))
        {
            return $"tuple({module.GetText(recipients)})";
        }

        var elements = recipients.Children("elts").Select(module.GetText).ToList();
        return "(" + string.Join(", ", elements) + (elements.Count == 1 ? ",)" : ")");
    }
}
