using System.CommandLine;
using System.Text;
using Assistant.Core.Python;
using Assistant.Core.Rules.UserRules;
using Assistant.Core.Rules.UserRules.Host;

namespace Assistant.Cli.Commands;

/// <summary>
/// <c>flowmigrate user-rule-host --assembly DLL --python PATH</c> (hidden): the child process that runs user rules,
/// so one that loops or crashes takes only this process down. Protocol: JSON lines on stdin/stdout
/// (<see cref="UserRuleHostServer"/>); anything a rule writes to the console goes to stderr.
/// </summary>
internal static class UserRuleHostCommand
{
    public const string Name = "user-rule-host";

    public static Command Create()
    {
        var assembly = new Option<string>("--assembly") { Required = true };
        var python = new Option<string>("--python") { Required = true };
        var command = new Command(Name, "Host compiled user rules for a flowmigrate process (internal)") { assembly, python };
        command.Hidden = true;
        command.SetAction(async (result, cancellationToken) =>
        {
            var protocol = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = false };
            Console.SetOut(Console.Error);
            using var input = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
            using var worker = new PythonWorker(new PythonWorkerOptions { Interpreter = new PythonInterpreter(result.GetValue(python)!, "given by the parent process") });
            LoadedUserRules loaded;
            try
            {
                loaded = LoadedUserRules.Load(result.GetValue(assembly)!);
            }
            catch (Exception exception) when (exception is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                await protocol.WriteLineAsync(new HostMessage("error") { Message = $"cannot load {result.GetValue(assembly)}: {exception.Message}" }.Serialize());
                await protocol.FlushAsync(cancellationToken);
                return 1;
            }

            using (loaded)
            {
                await new UserRuleHostServer(loaded, new ModuleParser(worker), worker).RunAsync(input, protocol, cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
