using System.CommandLine;

var root = new RootCommand("flowmigrate: migrate Flyte 1 and Prefect 1 repositories");
var json = new Option<bool>("--json") { Description = "JSON output" };
var path = new Argument<DirectoryInfo?>("path") { Arity = ArgumentArity.ZeroOrOne };
var scan = new Command("scan", "List flows");
scan.Options.Add(json);
scan.Arguments.Add(path);
scan.SetAction((parseResult, ct) =>
{
    Console.WriteLine($"{parseResult.GetValue(json)} {parseResult.GetValue(path)}");
    return Task.FromResult(0);
});
root.Subcommands.Add(scan);
return await root.Parse(args).InvokeAsync();
