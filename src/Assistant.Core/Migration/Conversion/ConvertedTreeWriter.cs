using System.IO.Enumeration;
using System.Text;
using Assistant.Core.Rules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Conversion;

/// <summary>
/// Writes <c>convert</c>'s copy of a folder. <see cref="Start"/> begins copying every file at once, on a thread of its own
/// beside the conversion (creating thousands of files is mostly system time, which the conversion's threads leave free);
/// <see cref="CompleteAsync"/> lends the copy every core for what is left, then writes the converted and generated files
/// over it. Threads copy a folder's files in runs (<see cref="FolderRuns"/>), so two threads rarely create files in one folder
/// at once: creating a file holds its folder's lock, and while the kernel is slow to find a free inode (ext4, right after
/// the files of a previous copy were removed) the other thread would spin on that lock instead of copying elsewhere. Links are neither followed nor copied (a linked folder may be outside the source, or a loop back into it), git's
/// own folders are not even walked, and a destination inside the source is not copied into itself. Disposing a writer that
/// did not complete (the conversion failed or was cancelled) stops the copy and removes what it wrote: the destination is
/// left as it was found, absent or empty.
/// </summary>
public sealed class ConvertedTreeWriter : IAsyncDisposable
{
    // The copying thread's nice value (see BackgroundThreadPriority).
    private const int Nice = 19;

    // The most files of one folder a thread copies in one run: a larger folder is shared out (see FolderRuns).
    private const int MaxRun = 256;

    private readonly string _root;
    private readonly string _destination;
    private readonly bool _createdDestination;
    // The files to copy, in walk order, and where each run of them starts (FolderRuns).
    private readonly TaskCompletionSource<(List<(string Source, string Relative)> Files, List<int> Runs)> _listed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _copy;
    private int _next = -1;
    private volatile bool _stopping;
    private Exception? _failure;
    private bool _completed;

    private ConvertedTreeWriter(string root, string destination)
    {
        _root = root;
        _destination = destination;
        _createdDestination = !Directory.Exists(destination);
        Directory.CreateDirectory(destination);
        _copy = Task.Factory.StartNew(WalkAndCopy, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts copying <paramref name="root"/> into <paramref name="destination"/> (a full path, absent or empty).</summary>
    public static ConvertedTreeWriter Start(string root, string destination) => new(Path.GetFullPath(root), Path.GetFullPath(destination));

    /// <summary>Waits for the copy (helping it with every core) and writes <paramref name="files"/> that changed, in their
    /// source file's encoding (<see cref="ConvertedFile.Encoding"/>, else read from the source file), and <paramref name="generated"/>
    /// (UTF-8) over it.</summary>
    public async Task CompleteAsync(IEnumerable<ConvertedFile> files, IEnumerable<GeneratedFile> generated)
    {
        var (listed, runs) = await _listed.Task.ConfigureAwait(false);
        await Task.Run(() => Parallel.For(0, Environment.ProcessorCount, _ => CopyRemaining(listed, runs))).ConfigureAwait(false);
        await _copy.ConfigureAwait(false);
        if (_failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        Parallel.ForEach(files.Where(f => f.IsChanged), file =>
        {
            var target = Path.Combine(_destination, file.Path);
            var encoding = file.Encoding ?? SourceFileReader.Decode(File.ReadAllBytes(Path.Combine(_root, file.Path))).Encoding ?? SourceEncoding.Utf8;
            File.WriteAllBytes(target, encoding.GetBytes(file.After));
        });

        foreach (var file in generated)
        {
            var target = Path.Combine(_destination, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, file.Text, new UTF8Encoding(false));
        }

        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_completed)
        {
            return;
        }

        _stopping = true;
        await _copy.ConfigureAwait(false);

        if (_createdDestination)
        {
            Directory.Delete(_destination, recursive: true);
            return;
        }

        foreach (var entry in new DirectoryInfo(_destination).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    // Never throws: a failure is kept for CompleteAsync to report (a writer disposed unfinished only cleans up).
    private void WalkAndCopy()
    {
        try
        {
            var files = Walk();
            var runs = FolderRuns(files, MaxRun);
            _listed.SetResult((files, runs));
            // The copy runs on what the conversion's threads leave idle (they wait on each other and on Python at times): at full
            // priority it took a core from the inventory and the steps, whose wall time is the run's. What is left when the
            // conversion is done, CompleteAsync copies with every core.
            BackgroundThreadPriority.Lower(Nice);
            CopyRemaining(files, runs);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Fail(exception);
            _listed.TrySetResult(([], FolderRuns([], MaxRun)));
        }
    }

    private List<(string Source, string Relative)> Walk()
    {
        var files = new List<(string Source, string Relative)>();
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var walk = new FileSystemEnumerable<string>(_root, (ref entry) => entry.ToSpecifiedFullPath(), new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
        {
            ShouldRecursePredicate = (ref entry) => !entry.FileName.SequenceEqual(".git") && !IsDestination(entry.ToFullPath()),
            ShouldIncludePredicate = (ref entry) => !entry.IsDirectory && !entry.FileName.SequenceEqual(".git"),
        };
        foreach (var file in walk)
        {
            if (_stopping)
            {
                return files;
            }

            var relative = Path.GetRelativePath(_root, file).Replace('\\', '/');
            var folder = Path.GetDirectoryName(relative) ?? string.Empty;
            if (folders.Add(folder))
            {
                Directory.CreateDirectory(Path.Combine(_destination, folder));
            }

            files.Add((file, relative));
        }

        return files;
    }

    /// <summary>Where each run of <paramref name="files"/> (in walk order, a folder's files together) starts, and, last, the
    /// count: a run is the files of one folder, at most <paramref name="maxRun"/> of them.</summary>
    internal static List<int> FolderRuns(IReadOnlyList<(string Source, string Relative)> files, int maxRun)
    {
        var starts = new List<int>();
        var folder = default(string);
        for (var index = 0; index < files.Count; index++)
        {
            var current = Path.GetDirectoryName(files[index].Relative) ?? string.Empty;
            if (starts.Count == 0 || !string.Equals(current, folder, StringComparison.Ordinal) || index - starts[^1] == maxRun)
            {
                starts.Add(index);
                folder = current;
            }
        }

        starts.Add(files.Count);
        return starts;
    }

    // Any number of threads at once, each taking the next run of files to copy.
    private void CopyRemaining(List<(string Source, string Relative)> files, List<int> runs)
    {
        for (var run = Interlocked.Increment(ref _next); run < runs.Count - 1 && !_stopping; run = Interlocked.Increment(ref _next))
        {
            for (var index = runs[run]; index < runs[run + 1] && !_stopping; index++)
            {
                try
                {
                    File.Copy(files[index].Source, Path.Combine(_destination, files[index].Relative));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    Fail(exception);
                }
            }
        }
    }

    private void Fail(Exception exception)
    {
        Interlocked.CompareExchange(ref _failure, exception, null);
        _stopping = true;
    }

    private bool IsDestination(string folder) =>
        string.Equals(Path.TrimEndingDirectorySeparator(folder), _destination, StringComparison.Ordinal);
}
