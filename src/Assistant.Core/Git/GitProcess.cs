using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Assistant.Core.Git;

/// <summary>Runs one git command as a child process: argv only, no shell, stdout and stderr drained concurrently.</summary>
internal sealed class GitProcess(string executablePath)
{
    public string ExecutablePath { get; } = executablePath;

    /// <summary>
    /// Runs <paramref name="command"/> to completion. Fails only when git cannot be started;
    /// a non-zero exit code is returned as data. Cancellation kills the process tree and throws.
    /// </summary>
    public async Task<GitResult<GitCommandResult>> RunAsync(GitCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(command.WorkingDirectory))
        {
            return new GitError(GitErrorKind.DirectoryNotFound, $"Directory not found: {command.WorkingDirectory}")
            {
                Command = command.ToString(),
            };
        }

        using var process = new Process { StartInfo = CreateStartInfo(command) };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new GitError(GitErrorKind.GitNotFound, $"Could not run git at '{ExecutablePath}': {ex.Message}")
            {
                Command = command.ToString(),
            };
        }

        using var registration = cancellationToken.Register(() => Kill(process));
        var stdout = ReadAllAsync(process.StandardOutput.BaseStream);
        var stderr = ReadAllAsync(process.StandardError.BaseStream, command.EchoError);
        if (!command.InheritsInput)
        {
            await WriteAndCloseAsync(process.StandardInput.BaseStream, command.StandardInput);
        }

        await Task.WhenAll(stdout, stderr);
        await process.WaitForExitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();

        return new GitCommandResult(process.ExitCode, await stdout, Encoding.UTF8.GetString(await stderr));
    }

    private ProcessStartInfo CreateStartInfo(GitCommand command)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = command.WorkingDirectory,
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = !command.InheritsInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        GitEnvironment.Apply(startInfo.Environment, command.IsReadOnly);
        return startInfo;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, TextWriter? echo = null)
    {
        using var buffer = new MemoryStream();
        if (echo is null)
        {
            await stream.CopyToAsync(buffer);
            return buffer.ToArray();
        }

        // Copied as it comes, so a hook's prompt shows before it waits for an answer; the decoder keeps split UTF-8 sequences whole.
        var decoder = Encoding.UTF8.GetDecoder();
        var bytes = new byte[4096];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int read;
        while ((read = await stream.ReadAsync(bytes)) > 0)
        {
            buffer.Write(bytes, 0, read);
            var count = decoder.GetChars(bytes, 0, read, chars, 0);
            await echo.WriteAsync(chars.AsMemory(0, count));
            await echo.FlushAsync();
        }

        return buffer.ToArray();
    }

    // Always close stdin so git never waits on it; git may exit before reading it all.
    private static async Task WriteAndCloseAsync(Stream stdin, byte[]? input)
    {
        try
        {
            if (input is { Length: > 0 })
            {
                await stdin.WriteAsync(input);
            }
        }
        catch (IOException)
        {
            // Broken pipe: git exited early; its exit code and stderr say why.
        }
        finally
        {
            try
            {
                stdin.Dispose();
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
