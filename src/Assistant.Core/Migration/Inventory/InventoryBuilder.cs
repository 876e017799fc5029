using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Assistant.Core.Python;
using Assistant.Core.Rules.UserRules;
using Assistant.Core.Source;

namespace Assistant.Core.Migration.Inventory;

/// <summary>
/// Builds the inventory of a directory: walk, pre-filter bytes, parse only the candidates with the
/// user's Python, classify, then find flows and the tasks they call across modules. A second round
/// picks up files that use a project subclass of <c>Flow</c> without mentioning the framework. Names user rules
/// declare equivalent to framework objects (<see cref="FrameworkAlias"/>) count as those objects.
/// </summary>
public sealed class InventoryBuilder(ModuleParser parser, FrameworkAliasMap? aliases = null)
{
    private readonly FrameworkAliasMap _aliases = aliases ?? FrameworkAliasMap.Empty;

    private const int MaxInFlight = 64;

    // Files a reader takes at a time: few, so that the readers end together even where candidates (the costly files) cluster.
    private const int FilesPerTake = 8;

    /// <summary>
    /// Whether the inventory lists the flows and the tasks they call (the default); without, <see cref="RepositoryInventory.Flows"/>
    /// is empty and the files are classified all the same (a conversion that reports no flows does not search for them).
    /// </summary>
    public bool FindsFlows { get; init; } = true;

    /// <summary>Also scan inside submodules and nested repositories (<c>--submodules</c>); they are listed either way.</summary>
    public bool EnterNestedRepositories { get; init; }

    public async Task<RepositoryInventory> BuildAsync(string root, IReadOnlyList<string>? files = null, IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        (await BuildAsync(root, files, progress, comments: false, cancellationToken).ConfigureAwait(false)).Inventory;

    /// <summary>
    /// The inventory and the modules it parsed (with their comments), by path: a caller that goes on to convert
    /// the framework files uses these instead of sending every file to the worker a second time.
    /// </summary>
    public Task<(RepositoryInventory Inventory, IReadOnlyDictionary<string, PythonModule> Modules)> BuildWithModulesAsync(string root,
        IReadOnlyList<string>? files = null, CancellationToken cancellationToken = default) =>
        BuildAsync(root, files, progress: null, comments: true, cancellationToken);

    // A speculative parser (ModuleParser.Speculative) bets on the interpreter's version while the worker starts: once the
    // version is known, a lost bet means building again, which the same parser then does with the worker.
    private async Task<(RepositoryInventory Inventory, IReadOnlyDictionary<string, PythonModule> Modules)> BuildAsync(string root, IReadOnlyList<string>? files,
        IProgress<ScanProgress>? progress, bool comments, CancellationToken cancellationToken)
    {
        var built = await BuildOnceAsync(root, files, progress, comments, cancellationToken).ConfigureAwait(false);
        if (!parser.Speculative)
        {
            return built;
        }

        await parser.IdentifyAsync(cancellationToken).ConfigureAwait(false);
        return parser.SpeculatedWrongly ? await BuildOnceAsync(root, files, progress, comments, cancellationToken).ConfigureAwait(false) : built;
    }

    private async Task<(RepositoryInventory Inventory, IReadOnlyDictionary<string, PythonModule> Modules)> BuildOnceAsync(string root, IReadOnlyList<string>? files,
        IProgress<ScanProgress>? progress, bool comments, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var nested = new List<string>();
        var paths = files ?? ProjectFileWalker.PythonFiles(root, nestedRepositories: nested, enterNestedRepositories: EnterNestedRepositories);
        var records = new ConcurrentDictionary<string, FileRecord>(StringComparer.Ordinal);
        var parsed = new ConcurrentDictionary<string, PythonModule>(StringComparer.Ordinal);
        var seen = 0;

        var candidates = await ParseMatchingAsync(root, paths, new CandidateFilter(CandidateFilter.FrameworkNeedles.Concat(_aliases.Needles)), records, parsed,
            () => progress?.Report(new ScanProgress(Interlocked.Increment(ref seen), paths.Count, parsed.Count)), comments, cancellationToken).ConfigureAwait(false);

        var imports = new ConcurrentDictionary<string, ImportTable>(StringComparer.Ordinal);
        var facts = Facts(parsed.Values, new HashSet<string>(), imports);
        var symbols = ProjectSymbols.Collect(facts);
        if (symbols.FlowClasses.Count > 0)
        {
            var remaining = paths.Where(p => !records.ContainsKey(p) && !parsed.ContainsKey(p)).ToList();
            var needles = symbols.FlowClasses.Select(q => q[(q.LastIndexOf('.') + 1)..]).Distinct();
            candidates += await ParseMatchingAsync(root, remaining, new CandidateFilter(needles), records, parsed, () => { }, comments, cancellationToken).ConfigureAwait(false);
            symbols = ProjectSymbols.Collect(Facts(parsed.Values, symbols.FlowClasses, imports));

            // Classified again with every Flow class the project defines (without any, the first round's facts stand).
            facts = Facts(parsed.Values, symbols.FlowClasses, imports);
            symbols = ProjectSymbols.Collect(facts);
        }

        foreach (var fact in facts)
        {
            records[fact.Module.Path] = new FileRecord(fact.Module.Path, fact.Framework);
        }

        var flows = FindsFlows ? Link(WithImportedModules(Flows(facts, symbols), FrameworkModuleImports.Of(facts))) : [];

        var fileList = records.Values.Where(r => r.Framework != Framework.None || r.ParseError is not null).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        var inventory = new RepositoryInventory(root, fileList, flows, new ScanStatistics(paths.Count, candidates, parsed.Count + records.Count(r => r.Value.ParseError is not null), watch.Elapsed))
        {
            NestedRepositories = nested.Order(StringComparer.Ordinal).ToList(),
            NestedRepositoriesScanned = EnterNestedRepositories && nested.Count > 0,
        };
        return (inventory, parsed);
    }

    /// <summary>The parsed modules are kept only as long as the caller keeps them (<see cref="BuildWithModulesAsync"/>); scans drop them.</summary>
    private async Task<int> ParseMatchingAsync(string root, IReadOnlyList<string> paths, CandidateFilter filter,
        ConcurrentDictionary<string, FileRecord> records, ConcurrentDictionary<string, PythonModule> parsed, Action onSeen, bool comments, CancellationToken cancellationToken)
    {
        // Readers on every core (two at least) take the files a few at a time, and each parses its candidates as it finds
        // them: an in-process parse runs right there, on the reader's core, so reading and parsing spread over the cores
        // together; a parse sent to the worker goes on while its reader reads on (at most MaxInFlight of those at once).
        // The first failure stops every reader.
        var readerCount = Math.Max(2, Environment.ProcessorCount);
        var chunk = Math.Clamp(paths.Count / (4 * readerCount), 1, FilesPerTake);
        var taken = -1;
        var candidates = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var gate = new SemaphoreSlim(MaxInFlight);
        var sent = new ConcurrentQueue<Task>();

        async Task ReadAsync()
        {
            var reader = new PrefilterReader();
            for (long start; (start = (long)Interlocked.Increment(ref taken) * chunk) < paths.Count;)
            {
                for (var i = (int)start; i < Math.Min(start + chunk, paths.Count); i++)
                {
                    stop.Token.ThrowIfCancellationRequested();
                    var (candidate, decoded) = Prefilter(root, paths[i], filter, reader, records, onSeen);
                    if (candidate)
                    {
                        Interlocked.Increment(ref candidates);
                    }

                    if (decoded is null)
                    {
                        continue;
                    }

                    await gate.WaitAsync(stop.Token).ConfigureAwait(false);
                    var parsing = ParseOneAsync(paths[i], decoded, records, parsed, gate, comments, stop.Token);
                    if (parsing.IsCompleted)
                    {
                        await parsing.ConfigureAwait(false);
                    }
                    else
                    {
                        sent.Enqueue(StoppingOnFailureAsync(parsing, stop));
                    }
                }
            }
        }

        var readers = Enumerable.Range(0, Math.Min(readerCount, paths.Count)).Select(_ => Task.Run(() => StoppingOnFailureAsync(ReadAsync(), stop), stop.Token)).ToList();
        await Task.WhenAll(readers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(sent).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        // A failure, not the cancellation it caused in the other readers, is what the caller hears about.
        if (readers.Concat(sent).FirstOrDefault(t => t.IsFaulted) is { } failed)
        {
            ExceptionDispatchInfo.Throw(failed.Exception!.InnerExceptions[0]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return candidates;
    }

    private static async Task StoppingOnFailureAsync(Task work, CancellationTokenSource stop)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            stop.Cancel();
            throw;
        }
    }

    /// <summary>
    /// Whether the file is a candidate (its bytes mention a needle), and its decoded text to parse: none for a file the
    /// filter rules out, or one recorded as not readable, a link or not decodable. Only a candidate is decoded.
    /// </summary>
    private static (bool Candidate, SourceReadResult? Decoded) Prefilter(string root, string path, CandidateFilter filter, PrefilterReader reader,
        ConcurrentDictionary<string, FileRecord> records, Action onSeen)
    {
        var full = Path.Combine(root, path);
        ReadOnlySpan<byte> bytes;
        try
        {
            bytes = reader.Read(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            records[path] = new FileRecord(path, Framework.None, $"cannot be read: {exception.Message}");
            onSeen();
            return (false, null);
        }

        onSeen();
        if (!filter.Matches(bytes))
        {
            return (false, null);
        }

        if (new FileInfo(full).LinkTarget is { } target)
        {
            // A migration writes the file back; through a link that could land outside the repository.
            records[path] = new FileRecord(path, Framework.None, $"is a symbolic link (to {target}); links are not followed, migrate the file it points to");
            return (true, null);
        }

        var decoded = SourceFileReader.Decode(bytes);
        if (!decoded.IsSuccess)
        {
            records[path] = new FileRecord(path, Framework.None, decoded.Error);
            return (true, null);
        }

        return (true, decoded);
    }

    private async Task ParseOneAsync(string path, SourceReadResult decoded, ConcurrentDictionary<string, FileRecord> records,
        ConcurrentDictionary<string, PythonModule> parsed, SemaphoreSlim gate, bool comments, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await parser.ParseAsync(path, decoded.Text!, decoded.Encoding, cancellationToken, comments).ConfigureAwait(false);
            if (outcome.Module is { } module)
            {
                parsed[path] = module;
            }
            else
            {
                records[path] = new FileRecord(path, Framework.None, $"syntax error at {outcome.SyntaxError}");
            }
        }
        catch (PythonWorkerException exception) when (exception.Failure == PythonWorkerFailure.TimedOut)
        {
            // One pathological file must not sink the scan: report it and go on (the worker restarts on the next request).
            records[path] = new FileRecord(path, Framework.None, $"could not be parsed: {exception.Message}");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Every module's name bindings and framework, in path order. A module's <see cref="ImportTable"/> does not depend on the
    /// project's <c>Flow</c> classes, so the rounds share <paramref name="imports"/>; modules are independent, so they are
    /// classified on every core (the first walk of a tree also orders its nodes, the bulk of the work).
    /// </summary>
    private List<ModuleFacts> Facts(IEnumerable<PythonModule> modules, IReadOnlySet<string> flowClasses, ConcurrentDictionary<string, ImportTable> imports)
    {
        var ordered = modules.OrderBy(m => m.Path, StringComparer.Ordinal).ToArray();
        var facts = new ModuleFacts[ordered.Length];
        Parallel.For(0, ordered.Length, i =>
        {
            var module = ordered[i];
            var table = imports.GetOrAdd(module.Path, _ => new ImportTable(module, _aliases));
            facts[i] = new ModuleFacts(module, table, FrameworkClassifier.Classify(module, table, flowClasses, _aliases));
        });
        return [.. facts];
    }

    /// <summary>The flows of every module, module by module in path order; modules are independent, so they are searched on every core.</summary>
    private static List<FlowRecord> Flows(IReadOnlyList<ModuleFacts> facts, ProjectSymbols symbols)
    {
        var found = new FlowRecord[facts.Count][];
        Parallel.For(0, facts.Count, i => found[i] = facts[i].Framework switch
        {
            Framework.Flyte1 => FlyteFlowFinder.Find(facts[i], symbols).ToArray(),
            Framework.Prefect1 => PrefectFlowFinder.Find(facts[i], symbols).ToArray(),
            _ => [],
        });
        return found.SelectMany(f => f).ToList();
    }

    // A flow's files are also the old-framework modules they import (its schedules module, a template's module): see FrameworkModuleImports.
    private static List<FlowRecord> WithImportedModules(List<FlowRecord> flows, FrameworkModuleImports imports) =>
        flows.Select(f => f with { Files = imports.Closure(f.Files) }).ToList();

    // Flow bodies name other flows by qualified name (module.function); turn those into flow ids.
    private static List<FlowRecord> Link(List<FlowRecord> flows)
    {
        var byQualified = flows.Where(f => f.Kind is FlowKind.Workflow or FlowKind.Dynamic or FlowKind.Eager)
            .ToDictionary(f => $"{Rules.ProjectModel.ModuleName(f.File)}.{f.Variable}", f => f.Id, StringComparer.Ordinal);
        return flows
            .Select(f => f with { Calls = f.Calls.Select(byQualified.GetValueOrDefault).OfType<string>().Where(id => id != f.Id).Distinct().ToList() })
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line)
            .ToList();
    }
}
