using System.Runtime.CompilerServices;

namespace Assistant.Core.Rules.UserRules.Host;

/// <summary>
/// The parent side of the user rule host: starts it on demand, keeps it in step with the project and module being
/// analysed, and enforces the per-module time limit. A rule that times out or takes the process down is reported
/// (rule id, file, reason), disabled for the session, and the host is started afresh for the other rules.
/// </summary>
public sealed class UserRuleHostClient : IDisposable
{
    /// <summary>Generous limit for what is the host's own work (start, re-parsing the project), not a rule's.</summary>
    private static readonly TimeSpan HostWork = TimeSpan.FromSeconds(120);

    private readonly object _gate = new();
    private readonly UserRuleHostLaunch _launch;
    private readonly IReadOnlyDictionary<string, string> _typeFiles;
    private readonly ConditionalWeakTable<ProjectModel, Dictionary<string, int>> _projectIds = new();
    private readonly HashSet<int> _synced = [];
    private readonly HashSet<string> _disabled = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly List<string> _disabledReasons = [];
    private UserRuleHostProcess? _process;
    private (string Path, string Text)? _module;
    private int _nextProject;

    private UserRuleHostClient(UserRuleHostLaunch launch, IReadOnlyDictionary<string, string> typeFiles, TimeSpan limit)
    {
        _launch = launch;
        _typeFiles = typeFiles;
        Limit = limit;
    }

    /// <summary>How long one rule may take on one module.</summary>
    public TimeSpan Limit { get; }

    internal IReadOnlyList<HostedRule> Rules { get; private set; } = [];

    public IReadOnlyList<FrameworkAlias> Aliases { get; private set; } = [];

    /// <summary>Load errors the host announced, then every rule disabled during the session.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate)
            {
                return _problems.ToList();
            }
        }
    }

    /// <summary>The rules disabled during the session, each with its file and reason.</summary>
    public IReadOnlyList<string> Disabled
    {
        get
        {
            lock (_gate)
            {
                return _disabledReasons.ToList();
            }
        }
    }

    /// <summary>Starts the host and reads what it loaded.</summary>
    public static UserRuleHostClient Start(UserRuleHostLaunch launch, IReadOnlyDictionary<string, string> typeFiles, TimeSpan limit)
    {
        var client = new UserRuleHostClient(launch, typeFiles, limit);
        var (process, ready) = UserRuleHostProcess.Start(launch, HostWork);
        client._process = process;
        client.Rules = ready.Rules ?? [];
        client.Aliases = ready.Aliases ?? [];
        client._problems.AddRange((ready.Errors ?? []).Select(e => client.FileOfType(e.Split(':')[0]) + ": " + e));
        return client;
    }

    internal string FileOf(HostedRule rule) => FileOfType(rule.TypeName);

    internal bool IsDisabled(string ruleId)
    {
        lock (_gate)
        {
            return _disabled.Contains(ruleId);
        }
    }

    internal IReadOnlyList<Finding> Analyze(HostedRule rule, RuleContext context, Ruleset ruleset) => Run(rule, context.Module.Path, () =>
    {
        Sync(context.Project, ruleset);
        if (_module is not { } sent || sent.Path != context.Module.Path || !ReferenceEquals(sent.Text, context.Module.Text))
        {
            Expect(_process!.Send(new HostMessage("module") { Path = context.Module.Path, Text = context.Module.Text }, HostWork), "ok");
            _module = (context.Module.Path, context.Module.Text);
        }

        var answer = Timed(rule, context.Module.Path, new HostMessage("analyze") { Rule = rule.Descriptor.Id, Project = ProjectId(context.Project, ruleset), Options = context.Options });
        return Findings(answer, context.Module.Text.Length);
    }) ?? [];

    internal bool AppliesTo(HostedRule rule, string path) =>
        Run<bool?>(rule, path, () => Timed(rule, path, new HostMessage("applies") { Rule = rule.Descriptor.Id, Path = path }).Value == true) ?? false;

    internal IReadOnlyList<Finding> AnalyzeFile(HostedRule rule, FileRuleContext context, Ruleset ruleset) => Run(rule, context.Path, () =>
    {
        Sync(context.Project, ruleset);
        var answer = Timed(rule, context.Path, new HostMessage("analyze_file")
        {
            Rule = rule.Descriptor.Id, Project = ProjectId(context.Project, ruleset), Path = context.Path, Text = context.Text, Options = context.Options,
        });
        return Findings(answer, context.Text.Length);
    }) ?? [];

    private T? Run<T>(HostedRule rule, string path, Func<T> request)
    {
        lock (_gate)
        {
            if (_disabled.Contains(rule.Descriptor.Id))
            {
                return default;
            }

            try
            {
                EnsureStarted();
                return request();
            }
            catch (UserRuleHostProcess.HostTimeoutException)
            {
                throw Disable(rule, $"did not finish on {path} within {Limit.TotalSeconds:0.#} s; its host process was killed and the rule is disabled for this session");
            }
            catch (UserRuleHostProcess.HostGoneException exception)
            {
                throw Disable(rule, $"crashed on {path} ({exception.Message}); the rule is disabled for this session");
            }
        }
    }

    private HostMessage Timed(HostedRule rule, string path, HostMessage request)
    {
        var answer = _process!.Send(request, Limit);
        // A rule that throws would throw again on every file: it is disabled and reported like one that hangs, but its
        // host, which caught the exception, keeps serving the other rules.
        return answer.Op == "error" ? throw Disable(rule, $"threw on {path} ({answer.Message}); the rule is disabled for this session", killHost: false) : answer;
    }

    private static IReadOnlyList<Finding> Findings(HostMessage answer, int textLength)
    {
        try
        {
            return (answer.Findings ?? []).Select(f => f.ToFinding(textLength)).ToList();
        }
        catch (InvalidOperationException exception)
        {
            throw new UserRuleHostException(exception.Message);
        }
    }

    private UserRuleHostException Disable(HostedRule rule, string reason, bool killHost = true)
    {
        var problem = $"{FileOf(rule)}: {rule.Descriptor.Id} {reason}";
        _disabled.Add(rule.Descriptor.Id);
        _problems.Add(problem);
        _disabledReasons.Add(problem);
        if (killHost)
        {
            _process?.Dispose();
            _process = null;
        }

        return new UserRuleHostException(problem);
    }

    private void EnsureStarted()
    {
        if (_process is not null)
        {
            return;
        }

        _synced.Clear();
        _module = null;
        try
        {
            _process = UserRuleHostProcess.Start(_launch, HostWork).Process;
        }
        catch (Exception exception) when (exception is UserRuleHostProcess.HostTimeoutException or UserRuleHostProcess.HostGoneException or UserRuleHostException)
        {
            throw new UserRuleHostException($"the user rule host could not be restarted: {exception.Message}");
        }
    }

    private void Sync(ProjectModel project, Ruleset ruleset)
    {
        var id = ProjectId(project, ruleset);
        if (_synced.Contains(id))
        {
            return;
        }

        var request = new HostMessage("project")
        {
            Project = id,
            Ruleset = ruleset.Directory,
            Tables = ruleset.Tables.Names.ToList(),
            Modules = project.Modules.Select(m => new GeneratedFile(m.Path, m.Text)).ToList(),
            Files = project.OtherFiles.ToDictionary(),
        };
        Expect(_process!.Send(request, HostWork), "ok");
        _synced.Add(id);
    }

    private int ProjectId(ProjectModel project, Ruleset ruleset)
    {
        var ids = _projectIds.GetOrCreateValue(project);
        if (!ids.TryGetValue(ruleset.Directory, out var id))
        {
            ids[ruleset.Directory] = id = ++_nextProject;
        }

        return id;
    }

    private static void Expect(HostMessage answer, string op)
    {
        if (answer.Op != op)
        {
            throw new UserRuleHostException($"the user rule host failed: {answer.Message ?? answer.Op}");
        }
    }

    private string FileOfType(string typeName) => _typeFiles.GetValueOrDefault(typeName) ?? typeName;

    public void Dispose()
    {
        lock (_gate)
        {
            _process?.Dispose();
            _process = null;
        }
    }
}
