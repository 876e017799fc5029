using Assistant.Core.Migration.Inventory;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Assistant.Cli.Output;

/// <summary>The human view of a scan: a summary line, the flows table, and files that could not be read.</summary>
internal static class InventoryTable
{
    public static IEnumerable<IRenderable> Render(RepositoryInventory inventory, int width)
    {
        var frameworks = inventory.Frameworks.Count == 0 ? "none" : string.Join(", ", inventory.Frameworks.Select(FrameworkNames.Of));
        yield return new Markup(
            $"[bold]{Markup.Escape(inventory.Root)}[/]\n" +
            $"frameworks: {Markup.Escape(frameworks)} · {inventory.Flows.Count} flows · {inventory.Files.Count} framework files " +
            $"(of {inventory.Statistics.PythonFiles} Python files; {inventory.Statistics.Parsed} parsed) · {inventory.Statistics.Elapsed.TotalSeconds:0.00} s\n");

        foreach (var group in inventory.Flows.GroupBy(f => f.Framework).OrderBy(g => g.Key))
        {
            var table = new Table().Border(TableBorder.Simple).Title(FrameworkTitle(group.Key));
            table.AddColumn(new TableColumn("flow").NoWrap());
            table.AddColumn(new TableColumn("kind").NoWrap());
            table.AddColumn(new TableColumn("tasks").NoWrap());
            table.AddColumn(new TableColumn("file:line"));
            foreach (var flow in group)
            {
                table.AddRow(
                    Markup.Escape(flow.Name),
                    FlowKinds.Label(flow.Kind),
                    Markup.Escape(TaskSummary(flow, names: width >= 160)),
                    Markup.Escape($"{flow.File}:{flow.Line}"));
            }

            yield return table;
        }

        var broken = inventory.Files.Where(f => f.ParseError is not null).ToList();
        if (broken.Count > 0)
        {
            yield return new Markup($"\n[yellow]{broken.Count} file(s) skipped:[/]");
            foreach (var file in broken)
            {
                yield return new Markup($"\n  {Markup.Escape(file.Path)}: {Markup.Escape(file.ParseError!)}");
            }

            yield return new Text("\n");
        }

        if (inventory.NestedRepositories.Count > 0)
        {
            yield return new Markup(inventory.NestedRepositoriesScanned
                ? $"\n[yellow]{inventory.NestedRepositories.Count} submodule(s) or nested repositories scanned (--submodules)[/] (their flows migrate in their own repository: run flowmigrate migrate in each):"
                : $"\n[yellow]{inventory.NestedRepositories.Count} submodule(s) or nested repositories not scanned[/] (their files belong to another repository: run flowmigrate in each, or pass --submodules to list them):");
            foreach (var path in inventory.NestedRepositories)
            {
                yield return new Markup($"\n  {Markup.Escape(path)}");
            }

            yield return new Text("\n");
        }
    }

    // Narrow terminals get counts; `scan --json` always has the names.
    private static string TaskSummary(FlowRecord flow, bool names) =>
        flow.Tasks.Count == 0 && flow.Calls.Count > 0
            ? "→ " + string.Join(", ", flow.Calls.Select(c => c[(c.LastIndexOf(':') + 1)..]))
            : names ? string.Join(", ", flow.Tasks.Select(t => t.Name)) : $"{flow.Tasks.Count} task{(flow.Tasks.Count == 1 ? "" : "s")}";

    private static string FrameworkTitle(Framework framework) => framework switch
    {
        Framework.Flyte1 => "Flyte 1 (flytekit)",
        Framework.Prefect1 => "Prefect 1",
        _ => FrameworkNames.Of(framework),
    };
}
