using System.CommandLine;
using Assistant.Cli.Commands;
using Assistant.Cli.Hosting;

var consoles = Consoles.FromEnvironment();
var root = new RootCommand("flowmigrate: migrate Flyte 1 → Flyte 2 and Prefect 1 → Prefect 2/3, one flow at a time")
{
    ScanCommand.Create(consoles),
    DemoCommand.Create(consoles),
    InitCommand.Create(consoles),
    StatusCommand.Create(consoles),
    MigrateCommand.Create(consoles),
    AbandonCommand.Create(consoles),
    ConvertCommand.Create(consoles),
    ConvertCommand.CreateDiff(consoles),
    CheckCommand.Create(consoles),
    ReportCommand.Create(consoles),
    PrBodyCommand.Create(consoles),
    RulesCommand.Create(consoles),
    TuiCommand.Create(consoles),
    UserRuleHostCommand.Create(),
};
TuiCommand.Configure(root, consoles);
return await root.Parse(args).InvokeAsync();
