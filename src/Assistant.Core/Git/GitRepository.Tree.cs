using System.Globalization;
using System.Text;

namespace Assistant.Core.Git;

/// <summary>The files of a commit's tree, read from the object store without touching any work tree.</summary>
internal sealed partial class GitRepository
{
    /// <summary>
    /// The regular files (not symlinks, not submodules) of <paramref name="revision"/>'s tree whose repo-relative,
    /// '/'-separated path and size in bytes <paramref name="include"/> accepts, with their bytes exactly as stored (no filters, no
    /// attributes: <c>export-ignore</c> does not apply). Two git processes whatever the number of files.
    /// </summary>
    public async Task<GitResult<IReadOnlyDictionary<string, byte[]>>> TreeFilesAsync(string revision, Func<string, long, bool> include, CancellationToken cancellationToken = default)
    {
        var commit = await RevParseAsync(revision, cancellationToken);
        if (!commit.IsSuccess)
        {
            return commit.Error;
        }

        var list = Read("ls-tree", "-r", "-z", "-l", "--full-tree", commit.Value.Value);
        var listed = await RunCheckedAsync(list, GitErrorKind.CommandFailed, $"Could not list the files of {revision}", cancellationToken);
        if (!listed.IsSuccess)
        {
            return listed.Error;
        }

        // "<mode> <type> <id> <size>\t<path>" (the size right-aligned, "-" for submodules): 100644 and 100755 are regular files.
        var entries = new List<(string Id, string Path)>();
        foreach (var field in NulSeparated.Fields(listed.Value.StandardOutputBytes))
        {
            var tab = field.IndexOf('\t', StringComparison.Ordinal);
            var head = tab < 0 ? [] : field[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (head.Length != 4)
            {
                return GitError.FromCommand(GitErrorKind.UnexpectedOutput, $"Unexpected ls-tree line: {field}", list, listed.Value);
            }

            var path = field[(tab + 1)..];
            if (head[0] is "100644" or "100755" && long.TryParse(head[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size) && include(path, size))
            {
                entries.Add((head[2], path));
            }
        }

        var read = await ReadObjectsAsync(entries.Select(e => e.Id).ToList(), $"the files of {revision}", cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var index = 0; index < entries.Count; index++)
        {
            if (read.Value[index] is not ("blob", { } content))
            {
                return new GitError(GitErrorKind.UnexpectedOutput, $"Unexpected cat-file answer for {entries[index].Path}");
            }

            files[entries[index].Path] = content;
        }

        return files;
    }

    /// <summary>
    /// The bytes of those of <paramref name="paths"/> (repo-relative, '/'-separated) that <paramref name="revision"/> holds as
    /// files, exactly as stored: what <see cref="ShowFileAsync"/> reads for each, in two git processes whatever their number.
    /// </summary>
    public async Task<GitResult<IReadOnlyDictionary<string, byte[]>>> ShowFilesAsync(string revision, IReadOnlyCollection<string> paths, CancellationToken cancellationToken = default)
    {
        if (GitArgumentGuard.RepoRelativePaths(paths) is { } invalid)
        {
            return invalid;
        }

        var commit = await RevParseAsync(revision, cancellationToken);
        if (!commit.IsSuccess)
        {
            return commit.Error;
        }

        var files = await ReadFilesAsync([(commit.Value, paths)], $"files at {revision}", cancellationToken);
        return files.IsSuccess ? GitResult<IReadOnlyDictionary<string, byte[]>>.Success(files.Value[0]) : files.Error;
    }

    /// <summary>
    /// For each request (a commit id and repo-relative, '/'-separated paths), in order, the bytes of those paths the commit holds
    /// as files, exactly as stored: <see cref="ShowFilesAsync"/> for many commits, in one git process whatever their number.
    /// </summary>
    public async Task<GitResult<IReadOnlyList<IReadOnlyDictionary<string, byte[]>>>> ShowFilesEachAsync(
        IReadOnlyList<(ObjectId Commit, IReadOnlyCollection<string> Paths)> requests, CancellationToken cancellationToken = default) =>
        GitArgumentGuard.RepoRelativePaths(requests.SelectMany(r => r.Paths).ToList()) is { } invalid
            ? invalid
            : await ReadFilesAsync(requests, $"files at {requests.Count} commit(s)", cancellationToken);

    private async Task<GitResult<IReadOnlyList<IReadOnlyDictionary<string, byte[]>>>> ReadFilesAsync(
        IReadOnlyList<(ObjectId Commit, IReadOnlyCollection<string> Paths)> requests, string what, CancellationToken cancellationToken)
    {
        var asked = requests.Select(r => r.Paths.Distinct(StringComparer.Ordinal).ToList()).ToList();
        var names = requests.SelectMany((request, index) => asked[index].Select(path => $"{request.Commit.Value}:{path}")).ToList();
        var read = await ReadObjectsAsync(names, what, cancellationToken);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        var answers = new List<IReadOnlyDictionary<string, byte[]>>(requests.Count);
        var position = 0;
        foreach (var paths in asked)
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in paths)
            {
                if (read.Value[position++] is ("blob", { } content))
                {
                    files[path] = content;
                }
            }

            answers.Add(files);
        }

        return answers;
    }

    // One `git cat-file --batch` for every object named (an id, or "<commit>:<path>"; no newline in any): per name, in order, its
    // type and bytes, or null when git says it is missing.
    private async Task<GitResult<IReadOnlyList<(string Type, byte[] Content)?>>> ReadObjectsAsync(IReadOnlyList<string> names, string what, CancellationToken cancellationToken)
    {
        var objects = new List<(string Type, byte[] Content)?>(names.Count);
        if (names.Count == 0)
        {
            return objects;
        }

        var batch = Read("cat-file", "--batch") with { StandardInput = Encoding.UTF8.GetBytes(string.Concat(names.Select(n => n + "\n"))) };
        var run = await RunCheckedAsync(batch, GitErrorKind.CommandFailed, $"Could not read {what}", cancellationToken);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        // Each answer: "<id> <type> <size>\n" + size bytes + "\n", or "<name> missing\n".
        var output = run.Value.StandardOutputBytes;
        var position = 0;
        foreach (var name in names)
        {
            var end = Array.IndexOf(output, (byte)'\n', position);
            var line = end < 0 ? string.Empty : Encoding.UTF8.GetString(output, position, end - position);
            if (line == name + " missing")
            {
                objects.Add(null);
                position = end + 1;
                continue;
            }

            var header = line.Split(' ');
            if (header.Length != 3 || !int.TryParse(header[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || end + 1 + size > output.Length)
            {
                return GitError.FromCommand(GitErrorKind.UnexpectedOutput, $"Unexpected cat-file answer for {name}: {line}", batch, run.Value);
            }

            objects.Add((header[1], output[(end + 1)..(end + 1 + size)]));
            position = end + 1 + size + 1;
        }

        return objects;
    }
}
