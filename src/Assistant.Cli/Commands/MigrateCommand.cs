using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Core.Migration.Session;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate migrate [PATH] (--flow ID… | --all) [--yes]</c>: the wizard without a screen. Safe
/// fixes are applied (review ones too with <c>--yes</c>), TODOs are always written, each step with
/// changes is one commit on the flow's branch.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(Consoles consoles)
    {
        var path = SharedOptions.Path();
        // One id per --flow: with several per token, `--flow ID PATH` would take PATH for a second flow id.
        var flows = new Option<string[]>("--flow") { Description = "Flow id to migrate (repeat --flow for several; `flowmigrate status` lists them)" };
        var all = new Option<bool>("--all") { Description = "Migrate every flow that is not committed yet" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Also apply review-level fixes (default: safe fixes only)" };
        var noCheck = new Option<bool>("--no-check") { Description = "Do not run the import check before a flow's last commit" };
        var rewrite = new Option<bool>("--rewrite")
        {
            Description = "Consent to rewrite a flow branch whose base changed the flow's files: its steps are replayed on the new base with your decisions (the old tip is kept under refs/flowmigrate/replaced/)",
        };
        var noVerify = new Option<bool>("--no-verify") { Description = "Skip your git commit hooks for flowmigrate's commits (they run by default)" };
        var python = SharedOptions.Python();
        var baseRef = SharedOptions.Base();
        var target = SharedOptions.Target();
        var mode = SharedOptions.Mode();
        var submodules = SharedOptions.Submodules();
        var command = new Command("migrate", "Convert flows step by step and commit each on its own flowmigrate/<flow> branch")
        {
            path, flows, all, yes, noCheck, noVerify, rewrite, python, baseRef, target, mode, submodules,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var selected = result.GetValue(flows) ?? [];
            if (selected.Length == 0 && !result.GetValue(all))
            {
                throw new UserError("say which flows: --flow ID (repeatable) or --all");
            }

            var root = WorkspaceOptions.Directory(result.GetValue(path));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            await using var session = await SessionFactory.OpenAsync(root, worker,
                new SessionFlags(result.GetValue(baseRef), result.GetValue(target), result.GetValue(mode), result.GetValue(yes), !result.GetValue(noCheck), result.GetValue(rewrite)) { Submodules = result.GetValue(submodules) }, cancellationToken, consoles: consoles.Error);
            var notices = session.Options.Notices();
            var statuses = await session.StatusAsync(cancellationToken);
            foreach (var id in selected.Where(id => statuses.All(s => s.Id != id)))
            {
                throw new UserError($"no flow '{id}' (flowmigrate status lists the flow ids)");
            }

            var targets = statuses
                .Where(s => selected.Length == 0 ? s.State is FlowState.NotStarted or FlowState.InProgress : selected.Contains(s.Id))
                .DistinctBy(s => s.Branch ?? s.Id)
                .ToList();
            var failures = 0;
            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var status in targets)
            {
                var wizard = await session.OpenAsync(status.Id, cancellationToken);
                if (!done.Add(wizard.Flow.Branch ?? wizard.Flow.Id))
                {
                    continue;
                }

                failures += await RunAsync(consoles.Out, wizard, result.GetValue(noVerify), cancellationToken) ? 0 : 1;
            }

            // User rules disabled during the run (they threw, hung or crashed their host): their problem may belong to a
            // step with nothing to commit, which prints nothing, so they are said once here.
            UserRuleHosting.ReportNew(notices, session.Options.Notices(), consoles.Error);

            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static async Task<bool> RunAsync(IAnsiConsole output, IFlowWizard wizard, bool skipHooks, CancellationToken cancellationToken)
    {
        output.MarkupLine($"[bold]{Markup.Escape(wizard.Flow.Name)}[/] → {Markup.Escape(wizard.Flow.Branch ?? "?")}");
        if (wizard.Replanned is { } replanned)
        {
            output.MarkupLine($"  [yellow]↻[/] {Markup.Escape(replanned)}");
        }

        if (wizard.Current is null)
        {
            output.MarkupLine("  nothing left to do");
            return true;
        }

        while (wizard.Current is { } step)
        {
            var applied = step.Changes.Count(c => c.IsEnabled);
            var declined = step.Changes.Count(c => !c.IsEnabled);
            var result = await wizard.AcceptAsync(skipHooks, cancellationToken);
            if (!result.IsSuccess)
            {
                var hint = result.HookFailed ? " (a commit hook rejected it: fix what it says and run again, or pass --no-verify)" : string.Empty;
                output.MarkupLine($"  [red]✗[/] {Markup.Escape(step.Step.Step.Title)}: {Markup.Escape((result.Error ?? "failed") + hint)}");
                return false;
            }

            var details = $"{applied} change(s), {step.Todos.Count} TODO(s)" + (declined > 0 ? $", {declined} review change(s) left for --yes or the wizard" : string.Empty);
            output.MarkupLine($"  [green]✓[/] {Markup.Escape(step.Step.Step.Title)} · {Markup.Escape(details)} · {result.Commit![..7]}");
            if (result.Check is { } check)
            {
                output.MarkupLine($"    import check passed ({Markup.Escape(check.Environment ?? "stand-in")}, {check.Elapsed.TotalMilliseconds:0} ms)");
            }
            foreach (var problem in step.Problems)
            {
                output.MarkupLine($"    [yellow]![/] {Markup.Escape(problem)}");
            }
        }

        foreach (var skipped in wizard.Steps.Where(s => s.State == StepState.Empty))
        {
            output.MarkupLine($"  · {Markup.Escape(skipped.Step.Title)}: nothing to change");
        }

        return true;
    }
}
