using Assistant.Core.Migration.Planning;
using Assistant.Core.Migration.Session;
using Assistant.Core.Migration.Session.Config;
using Assistant.Core.Python;
using Assistant.Core.Rules.Loading;
using Assistant.Rulesets;

namespace Assistant.Cli.Hosting;

/// <summary>Opens the migration session the verbs share, with the built-in rulesets; refusals become one-line errors.</summary>
internal static class SessionFactory
{
    public static async Task<MigrationSession> OpenAsync(string root, PythonWorker worker, SessionFlags flags, CancellationToken cancellationToken,
        IProgress<Assistant.Core.Migration.Inventory.ScanProgress>? scanProgress = null, Spectre.Console.IAnsiConsole? consoles = null,
        ICommitTerminal? commitTerminal = null)
    {
        RepositoryConfig config;
        try
        {
            config = RepositoryConfigFile.Load(root);
        }
        catch (RepositoryConfigException exception)
        {
            throw new UserError(exception.Message);
        }

        var userRules = UserRuleHosting.Load(root, config.RuleFolders, worker.Options.Interpreter.Path, consoles);
        var options = new SessionOptions
        {
            Root = root,
            LoadRuleset = id => userRules.Extend(Load(id)),
            Aliases = userRules.Aliases,
            Notices = () => userRules.Problems,
            BaseRef = flags.Base,
            PrefectTarget = flags.Target,
            Mode = flags.Mode,
            Submodules = flags.Submodules ? true : null,
            Policy = flags.AcceptReview ? FixPolicy.SafeAndReview : FixPolicy.SafeOnly,
            ImportCheck = flags.ImportCheck,
            Rewrite = flags.Rewrite,
            ScanProgress = scanProgress,
            CommitTerminal = commitTerminal,
        };
        try
        {
            return (MigrationSession)await MigrationSession.OpenAsync(options, worker, cancellationToken);
        }
        catch (SessionException exception)
        {
            throw new UserError(exception.Message);
        }
    }

    private static Assistant.Core.Rules.Ruleset Load(string id)
    {
        try
        {
            return BuiltInRulesets.Load(id);
        }
        catch (RulesetLoadException exception)
        {
            throw new UserError($"ruleset {id} cannot be loaded: {exception.Message}", ExitCodes.EnvironmentProblem);
        }
    }
}
