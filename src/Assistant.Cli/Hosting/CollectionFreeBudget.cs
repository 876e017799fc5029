namespace Assistant.Cli.Hosting;

/// <summary>
/// Lets a batch run (<c>convert</c>, <c>diff</c>) allocate up to a budget before the first garbage collection. Such a run
/// keeps most of what it allocates until its last step (every module's tree of every step), so a collection mostly copies
/// live trees from one generation to the next while the other core waits: at 5,000 files, four collections paused the run
/// for about half a second. Short of the budget there is none; past it the runtime collects as usual.
/// The budget is a sixteenth of the memory the process may use, at most <see cref="MaxBytes"/>, and nothing below
/// <see cref="MinBytes"/> (a small machine or container keeps collecting as usual). The cap is set by the largest repository the
/// benchmark converts: 20,000 files (1,945 framework files) allocate about 1.2 GB. With a 1 GiB cap the budget ran out during the
/// last step, and the one collection then had to trace everything allocated since the start (the conversion took 3.4–3.8 s, against
/// 2.9–3.0 s without that collection). The process only takes what it allocates: the budget reserves, it does not touch.
/// </summary>
internal static class CollectionFreeBudget
{
    public const long MaxBytes = 2L << 30;

    public const long MinBytes = 128L << 20;

    /// <summary>Starts the budget; false when the machine is too small for one or the runtime declines it.</summary>
    public static bool Start() => Start(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    internal static bool Start(long availableBytes)
    {
        if (For(availableBytes) is not { } budget)
        {
            return false;
        }

        try
        {
            return GC.TryStartNoGCRegion(budget);
        }
        catch (Exception exception) when (exception is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Larger than this runtime's heap allows, or already inside a region: collect as usual.
            return false;
        }
    }

    /// <summary>The budget for a process that may use <paramref name="availableBytes"/>, or null below <see cref="MinBytes"/>.</summary>
    internal static long? For(long availableBytes)
    {
        var budget = Math.Min(availableBytes / 16, MaxBytes);
        return budget >= MinBytes ? budget : null;
    }
}
