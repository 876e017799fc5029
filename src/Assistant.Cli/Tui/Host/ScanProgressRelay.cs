using Assistant.Core.Migration.Inventory;

namespace Assistant.Cli.Tui.Host;

/// <summary>
/// Keeps the newest scan progress the scanner reports (once per file, from its threads) so the render loop gets it
/// once per tick instead of once per file: a 5,000-file scan would otherwise post 5,000 events, each a redraw that
/// takes CPU from the scan itself.
/// </summary>
internal sealed class ScanProgressRelay : IProgress<ScanProgress>
{
    private ScanProgress? _latest;
    private ScanProgress? _taken;

    public void Report(ScanProgress value) => Volatile.Write(ref _latest, value);

    /// <summary>The newest progress when it changed since the last call, else null.</summary>
    public ScanProgress? TakeChanged()
    {
        var latest = Volatile.Read(ref _latest);
        if (latest is null || ReferenceEquals(latest, _taken))
        {
            return null;
        }

        _taken = latest;
        return latest;
    }
}
