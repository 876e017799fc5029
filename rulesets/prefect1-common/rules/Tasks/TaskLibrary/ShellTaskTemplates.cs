namespace Assistant.Rulesets.Prefect.Tasks.TaskLibrary;

/// <summary>
/// <c>prefect.tasks.shell.ShellTask</c>: v1 wrote the helper script and command to a temporary file, ran it with
/// <c>shell</c>, and returned the last output line (every line with <c>return_all</c>), streaming lines to the
/// logger with <c>stream_output</c>. The function does the same with <c>subprocess</c>: <c>prefect_shell</c>'s
/// <c>ShellOperation</c> returns every line and <c>shell_run_command</c> is async in 3.x (reference §16).
/// </summary>
public static class ShellTaskTemplates
{
    public static IReadOnlyList<TaskLibraryTemplate> All { get; } =
    [
        new("prefect.tasks.shell", "ShellTask", ["command", "env", "helper_script", "shell", "return_all", "log_stderr", "stream_output"],
            ["command=None", "env=None", "helper_script=None", "shell=\"bash\"", "return_all=False", "log_stderr=False", "stream_output=False"],
            """"
                """Prefect 1 ShellTask: runs command with shell and returns the last output line (all lines with return_all)."""
                if command is None:
                    raise TypeError("run() missing required argument: 'command'")
                import logging
                import os
                import subprocess
                import sys
                import tempfile

                logger = get_run_logger()
                level = logging.getLevelName(stream_output) if isinstance(stream_output, str) else stream_output
                if isinstance(stream_output, str) and not isinstance(level, int):
                    raise TypeError(f"'stream_output': {level} is not a valid log level")
                level = logging.INFO if level is True else level
                with tempfile.NamedTemporaryFile(prefix="prefect-") as script:
                    if helper_script:
                        script.write(helper_script.encode())
                        script.write(os.linesep.encode())
                    script.write(command.encode())
                    script.flush()
                    with subprocess.Popen(
                        [shell, script.name],
                        stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT,
                        env={**os.environ, **(env or {})},
                        shell=sys.platform == "win32",
                    ) as process:
                        line = None
                        lines = []
                        for raw_line in iter(process.stdout.readline, b""):
                            line = raw_line.decode("utf-8").rstrip()
                            if return_all:
                                lines.append(line)
                            if level:
                                logger.log(level, line)
                        process.wait()
                if process.returncode:
                    message = f"Command failed with exit code {process.returncode}"
                    logger.error(message)
                    if log_stderr and not level:
                        logger.error("\n".join(lines) if return_all else line)
                    raise RuntimeError(message)
                return lines if return_all else line
            """", [], UsesLogger: true),
    ];
}
