using System.CommandLine;
using Assistant.Cli.Hosting;
using Assistant.Cli.Output;
using Assistant.Core.Migration.Conversion;
using Assistant.Core.Migration.Planning;
using Assistant.Core.Python;
using Assistant.Core.Python.Checks;
using Assistant.Core.Rules;
using Assistant.Core.Source;
using Assistant.Core.Source.Diff;
using Assistant.Rulesets;
using Spectre.Console;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate convert SRC --out DIR [--json REPORT]</c> and <c>flowmigrate diff SRC</c>: convert a whole
/// folder in one go, no git needed. <c>convert</c> writes a converted copy of the tree (the source is never
/// modified); <c>diff</c> prints the same changes as a unified diff. <c>convert --check</c> then compares what each
/// converted module declares with the source module (the behaviour check) and reports the share of settings preserved.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(Consoles consoles)
    {
        var source = new Argument<string>("src") { Description = "Folder to convert" };
        var output = new Option<string>("--out") { Description = "Folder to write the converted tree to (new or empty)", Required = true };
        var report = new Option<string?>("--json") { Description = $"Write a JSON report (schema {ConversionJson.Schema}) to this file ('-' for stdout)" };
        var check = new Option<bool>("--check") { Description = "Then compare what each converted module declares with the source module (behaviour check): settings preserved, changed, dropped; exit 1 on an unexplained difference" };
        var (target, safeOnly, python, driver) = (SharedOptions.Target(), SafeOnly(), SharedOptions.Python(), Driver());
        var submodules = SharedOptions.Submodules();
        var command = new Command("convert", "Convert every Flyte 1 / Prefect 1 file of a folder into a new folder (no git)") { source, output, report, check, target, safeOnly, python, driver, submodules };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(source));
            var destination = Path.GetFullPath(result.GetValue(output)!);
            if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
            {
                throw new UserError($"{destination} is not empty; convert writes into a new or empty folder");
            }

            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);

            // The copy of the tree is made while the files convert; if the conversion fails, the copy is removed again.
            await using var tree = ConvertedTreeWriter.Start(root, destination);
            // Only the JSON report lists the flows.
            var (conversion, rulesets) = await RunAsync(consoles.Error, root, worker, result.GetValue(target), result.GetValue(safeOnly), result.GetValue(driver), Excluding(root, destination), cancellationToken,
                ScanCommand.SubmodulesAsked(root, result.GetValue(submodules)), listFlows: result.GetValue(report) is not null);
            // Without the behaviour check the report depends on the conversion alone: it is built while the tree completes, and
            // written once the tree is.
            var (reportPath, checking) = (result.GetValue(report), result.GetValue(check));
            var building = reportPath is null || checking ? null : Task.Run(() => Report(root, destination, conversion, null), cancellationToken);
            await tree.CompleteAsync(conversion.Files, conversion.Generated);
            var behaviour = checking ? await CheckAsync(worker, rulesets, root, destination, conversion, cancellationToken) : null;
            var summary = $"{conversion.Files.Count(f => f.IsChanged)} of {conversion.Files.Count} framework files converted into {destination} · {conversion.TodoCount} TODOs ({conversion.TodosPer100Lines:0.00} per 100 lines) · {conversion.Skipped.Count} skipped";
            if (reportPath is not null)
            {
                using var json = building is null ? Report(root, destination, conversion, behaviour) : await building;
                await WriteReportAsync(reportPath, json, cancellationToken);
            }

            if (behaviour is not null)
            {
                PrintBehaviour(consoles.Error, behaviour);
            }

            consoles.Error.MarkupLine(Markup.Escape(summary));
            var failed = conversion.Files.Any(f => f.Problems.Count > 0) || behaviour?.Unexplained > 0 || behaviour?.Files.Any(f => f.NewError is not null) == true;
            return failed ? ExitCodes.Failure : ExitCodes.Success;
        }));
        return command;
    }

    public static Command CreateDiff(Consoles consoles)
    {
        var source = new Argument<string>("src") { Description = "Folder to convert" };
        var (target, safeOnly, python, driver) = (SharedOptions.Target(), SafeOnly(), SharedOptions.Python(), Driver());
        var command = new Command("diff", "Show, as a unified diff, what convert would change in a folder") { source, target, safeOnly, python, driver };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(consoles.Error, async () =>
        {
            var root = WorkspaceOptions.Directory(result.GetValue(source));
            using var worker = WorkspaceOptions.StartWorker(result.GetValue(python), root);
            var (conversion, _) = await RunAsync(consoles.Error, root, worker, result.GetValue(target), result.GetValue(safeOnly), result.GetValue(driver), null, cancellationToken);
            foreach (var diff in Diffs(conversion))
            {
                Console.Out.Write(diff);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // Every changed file's diff, then every generated file's, each computed on any core, in that order.
    private static string[] Diffs(FolderConversion conversion)
    {
        var texts = conversion.Files.Where(f => f.IsChanged).Select(f => (Before: f.Before, After: f.After, Old: $"a/{f.Path}", New: $"b/{f.Path}"))
            .Concat(conversion.Generated.Select(g => (Before: string.Empty, After: g.Text, Old: "/dev/null", New: $"b/{g.Path}")))
            .ToList();
        var diffs = new string[texts.Count];
        Parallel.For(0, texts.Count, i => diffs[i] = UnifiedDiffFormatter.Format(TextDiffer.Compute(texts[i].Before, texts[i].After), texts[i].Old, texts[i].New));
        return diffs;
    }

    private static Option<bool> SafeOnly() => new("--safe-only") { Description = "Apply only safe fixes (default: safe and review fixes, as a reviewer would accept them)" };

    private static Option<string> Driver() => new Option<string>("--driver")
    {
        Description = "Flyte 2 workflow drivers: sync (independent calls run one after another) or async (awaited, independent calls gathered with asyncio.gather)",
        DefaultValueFactory = _ => "sync",
    }.AcceptOnlyFromAmong("sync", "async");

    private static async Task<(FolderConversion Conversion, Func<string, Ruleset> Rulesets)> RunAsync(IAnsiConsole error, string root, PythonWorker worker, string? target, bool safeOnly, string? driver, IReadOnlyCollection<string>? excluded, CancellationToken cancellationToken,
        bool enterNestedRepositories = false, bool listFlows = false)
    {
        // Python itself (confirmations) is needed at the end and starts meanwhile, every process of it, on another thread (starting
        // a process and writing its first request take a while, and the files need not wait for that): the confirmations keep them
        // all busy, and a process started only when they come would start while the conversion's threads hold the cores.
        // The files are parsed at once: the in-process parser bets on the interpreter's version until the worker (or the version
        // cache) tells it, and the inventory is built again if it lost (see InventoryBuilder); the conversion starts once the
        // version is known.
        CollectionFreeBudget.Start();
        var starting = Task.Run(() => worker.StartAllAsync(cancellationToken), cancellationToken);
        var userRules = UserRuleHosting.Load(root, worker.Options.Interpreter.Path, error);
        Func<string, Ruleset> rulesets = id => userRules.Extend(BuiltInRulesets.Load(id));
        var converter = new FolderConverter(new ModuleParser(worker) { Speculative = true }, rulesets, userRules.Aliases);
        var options = RuleOptions.Default with { DriverStyle = driver ?? "sync" };
        var conversion = await converter.ConvertAsync(root, target ?? "prefect3", safeOnly ? FixPolicy.SafeOnly : FixPolicy.SafeAndReview, options, excluded: excluded, enterNestedRepositories: enterNestedRepositories, listFlows: listFlows, cancellationToken: cancellationToken);
        UserRuleHosting.ReportDisabled(userRules, error);
        await starting;
        return (conversion, rulesets);
    }

    // Stand-ins are generated into a folder of this run only, so concurrent runs never share a half-written one; the run's
    // workers share it (a stand-in tree is written aside and renamed into place).
    private static async Task<ConversionBehaviour> CheckAsync(PythonWorker worker, Func<string, Ruleset> rulesets, string root, string destination, FolderConversion conversion, CancellationToken cancellationToken)
    {
        var cache = Path.Combine(Path.GetTempPath(), "flowmigrate-standins-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            using var workers = CheckWorkers.For(worker, ConversionBehaviourCheck.Compared(conversion).Count, Environment.ProcessorCount);
            return await new ConversionBehaviourCheck(workers.All.Select(w => new BehaviourChecker(w, cache)).ToList(), rulesets).CheckAsync(root, destination, conversion, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(cache))
            {
                Directory.Delete(cache, true);
            }
        }
    }

    private static void PrintBehaviour(IAnsiConsole error, ConversionBehaviour behaviour)
    {
        foreach (var file in behaviour.Files)
        {
            if (file.NotCompared is { } why)
            {
                error.MarkupLine(Markup.Escape($"not compared {file.Path}: {why}"));
            }

            if (file.OldStoppedAt is { } stopped)
            {
                error.MarkupLine(Markup.Escape($"compared what {file.Path} declared before its old code stopped at: {stopped}"));
            }

            if (file.NewError is { } failure)
            {
                error.MarkupLine(Markup.Escape($"failed {file.Path}: the converted module did not load: {failure}"));
            }

            foreach (var setting in file.Settings.Where(s => s.IsFailure))
            {
                error.MarkupLine(Markup.Escape($"unexplained {file.Path}: {setting}"));
            }
        }

        error.MarkupLine(Markup.Escape($"behaviour: {behaviour.PreservedPercent:0.0}% of {behaviour.Declared} declared settings preserved · "
            + $"{behaviour.Count(SettingStatus.Changed)} changed, {behaviour.Count(SettingStatus.Dropped)} dropped ({behaviour.Unexplained} without an explaining TODO), "
            + $"{behaviour.Count(SettingStatus.Added)} added · {behaviour.EntitiesDropped} of {behaviour.Entities} tasks/workflows/flows dropped · "
            + $"{behaviour.Files.Count(f => f.NotCompared is not null)} files not compared, {behaviour.Files.Count(f => f.Leftovers.Count > 0)} still import the old framework for a TODO"));
    }

    // Never convert our own output when it sits inside the source.
    private static IReadOnlyCollection<string>? Excluding(string root, string destination)
    {
        var relative = Path.GetRelativePath(root, destination).Replace('\\', '/');
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : [relative];
    }

    private static ChunkedBuffer Report(string root, string destination, FolderConversion conversion, ConversionBehaviour? behaviour)
    {
        var json = new ChunkedBuffer();
        ConversionJson.Write(json, root, destination, conversion, behaviour);
        return json;
    }

    // The report's bytes go out in its chunks, never as one string (see ChunkedBuffer).
    private static async Task WriteReportAsync(string path, ChunkedBuffer json, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            json.CopyTo(Console.Out);
            Console.Out.WriteLine();
        }
        else
        {
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 16 * 1024, useAsync: true);
            await json.CopyToAsync(file, cancellationToken);
            file.WriteByte((byte)'\n');
        }
    }
}
