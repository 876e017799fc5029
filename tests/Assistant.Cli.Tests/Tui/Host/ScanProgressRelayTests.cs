using Assistant.Cli.Tui.Host;
using Assistant.Core.Migration.Inventory;

namespace Assistant.Cli.Tests.Tui.Host;

public sealed class ScanProgressRelayTests
{
    [Fact]
    public void Should_Hand_Over_Only_The_Newest_Progress_And_Only_Once()
    {
        var relay = new ScanProgressRelay();
        Assert.Null(relay.TakeChanged());

        relay.Report(new ScanProgress(1, 50, 0));
        relay.Report(new ScanProgress(2, 50, 1));

        Assert.Equal(new ScanProgress(2, 50, 1), relay.TakeChanged());
        Assert.Null(relay.TakeChanged());

        relay.Report(new ScanProgress(3, 50, 1));
        Assert.Equal(new ScanProgress(3, 50, 1), relay.TakeChanged());
    }
}
