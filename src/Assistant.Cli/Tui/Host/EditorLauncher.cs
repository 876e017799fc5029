using System.Diagnostics;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// Runs the user's editor on a temporary copy of a converted file: <c>$EDITOR</c>, else <c>$VISUAL</c>, else
/// <c>nano</c>, else <c>vi</c>. The editor command may carry arguments ("code --wait"), so it runs through
/// <c>/bin/sh</c> the way git runs it, with the file passed as a positional argument (never spliced into the command).
/// A failing editor is reported and its file kept, so nothing typed is lost.
/// </summary>
internal sealed class EditorLauncher(Func<string, string?> environment)
{
    public string? Editor =>
        new[] { environment("EDITOR"), environment("VISUAL") }.FirstOrDefault(e => !string.IsNullOrWhiteSpace(e))
        ?? new[] { "nano", "vi" }.FirstOrDefault(OnPath);

    public async Task<EditorOutcome> EditAsync(string file, string text, CancellationToken cancellationToken)
    {
        if (Editor is not { } editor)
        {
            return EditorOutcome.Failed("no editor found: set $EDITOR (nano and vi are not installed)");
        }

        var directory = Directory.CreateTempSubdirectory("flowmigrate-edit-").FullName;
        var path = Path.Combine(directory, Path.GetFileName(file));
        await File.WriteAllTextAsync(path, text, cancellationToken);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(editor + " \"$1\"");
        start.ArgumentList.Add("flowmigrate-editor");
        start.ArgumentList.Add(path);
        try
        {
            using var process = Process.Start(start)!;
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                return EditorOutcome.Failed($"the editor ({editor}) exited with code {process.ExitCode}; your text is kept in {path}");
            }
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return EditorOutcome.Failed($"the editor ({editor}) could not start: {exception.Message}; your text is kept in {path}");
        }

        var edited = await File.ReadAllTextAsync(path, cancellationToken);
        Directory.Delete(directory, recursive: true);
        return new EditorOutcome(edited, null);
    }

    private bool OnPath(string name) =>
        (environment("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, name)));
}
