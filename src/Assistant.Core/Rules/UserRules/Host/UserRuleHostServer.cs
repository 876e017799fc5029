using Assistant.Core.Python;
using Assistant.Core.Rules.Loading;
using Assistant.Core.Source;

namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>
/// The child side: loads the compiled user rules, announces them (<c>ready</c>), then answers one request per line
/// until its input closes. Modules arrive as path + text and are parsed by this process's own Python worker, so
/// the rules get the same <see cref="PythonModule"/> the built-in rules get. A rule that throws is answered with
/// <c>error</c>; one that loops or kills the process is the parent's to handle.
/// </summary>
internal sealed class UserRuleHostServer(LoadedUserRules loaded, ModuleParser parser, PythonWorker worker)
{
    private readonly Dictionary<string, PythonModule> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (ProjectModel Project, RulesetTables Tables)> _projects = [];
    private readonly Dictionary<string, RulesetTables> _tables = new(StringComparer.Ordinal);
    private PythonModule? _module;
    private bool _started;

    public static HostMessage Ready(LoadedUserRules loaded) => new("ready")
    {
        Rules = loaded.Rules.Select(r => new HostedRule(false, r.Descriptor, loaded.TypeNames[r]))
            .Concat(loaded.FileRules.Select(r => new HostedRule(true, r.Descriptor, loaded.TypeNames[r]))).ToList(),
        Aliases = loaded.Aliases.ToList(),
        Errors = loaded.Errors.ToList(),
    };

    public async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        await WriteAsync(output, Ready(loaded));
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            HostMessage answer;
            try
            {
                answer = await AnswerAsync(HostMessage.Parse(line), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                answer = new HostMessage("error") { Message = $"{exception.GetType().Name}: {exception.Message}" };
            }

            await WriteAsync(output, answer);
        }
    }

    private static async Task WriteAsync(TextWriter output, HostMessage message)
    {
        await output.WriteLineAsync(message.Serialize());
        await output.FlushAsync();
    }

    private async Task<HostMessage> AnswerAsync(HostMessage request, CancellationToken cancellationToken)
    {
        switch (request.Op)
        {
            case "project":
                var modules = new List<PythonModule>();
                foreach (var module in request.Modules ?? [])
                {
                    modules.Add(await ParseAsync(module.Path, module.Text, cancellationToken));
                }

                _projects[request.Project!.Value] = (new ProjectModel(modules, request.Files), Tables(request.Ruleset!, request.Tables ?? []));
                return new HostMessage("ok");
            case "module":
                _module = await ParseAsync(request.Path!, request.Text!, cancellationToken);
                return new HostMessage("ok");
            case "analyze":
                var (project, tables) = _projects[request.Project!.Value];
                var rule = loaded.Rules.First(r => r.Descriptor.Id == request.Rule);
                var context = new RuleContext(_module ?? throw new InvalidOperationException("no module sent"), project, tables, request.Options ?? RuleOptions.Default);
                return new HostMessage("findings") { Findings = rule.Analyze(context).Select(TransferredFinding.From).ToList() };
            case "applies":
                return new HostMessage("applies") { Value = loaded.FileRules.First(r => r.Descriptor.Id == request.Rule).AppliesTo(request.Path!) };
            case "analyze_file":
                var (fileProject, fileTables) = _projects[request.Project!.Value];
                var fileRule = loaded.FileRules.First(r => r.Descriptor.Id == request.Rule);
                var fileContext = new FileRuleContext(request.Path!, request.Text!, fileProject, fileTables, request.Options ?? RuleOptions.Default);
                return new HostMessage("findings") { Findings = fileRule.Analyze(fileContext).Select(TransferredFinding.From).ToList() };
            default:
                return new HostMessage("error") { Message = $"unknown request '{request.Op}'" };
        }
    }

    private async Task<PythonModule> ParseAsync(string path, string text, CancellationToken cancellationToken)
    {
        var key = path + "\0" + text;
        if (_parsed.TryGetValue(key, out var module))
        {
            return module;
        }

        if (!_started)
        {
            await worker.StartAsync(cancellationToken);
            _started = true;
        }

        var outcome = await parser.ParseAsync(path, text, cancellationToken: cancellationToken);
        return _parsed[key] = outcome.Module ?? throw new InvalidOperationException($"{path} does not parse: {outcome.SyntaxError}");
    }

    private RulesetTables Tables(string directory, IReadOnlyList<string> names)
    {
        if (!_tables.TryGetValue(directory, out var tables))
        {
            var read = names.ToDictionary(n => n, n => DataTableReader.Read(n, Path.Combine(directory, "tables", n + ".yaml"), File.ReadAllText(Path.Combine(directory, "tables", n + ".yaml"))), StringComparer.Ordinal);
            _tables[directory] = tables = new RulesetTables(read);
        }

        return tables;
    }
}
