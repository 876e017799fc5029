using Assistant.Cli.Hosting;

namespace Assistant.Cli.Tests.Hosting;

public sealed class CollectionFreeBudgetTests
{
    [Theory]
    [InlineData(64L << 30, 2L << 30)]
    [InlineData(32L << 30, 2L << 30)]
    [InlineData(24L << 30, 1536L << 20)]
    [InlineData(8L << 30, 512L << 20)]
    [InlineData(2L << 30, 128L << 20)]
    public void Should_Be_A_Sixteenth_Of_The_Memory_At_Most_Two_Gibibytes(long available, long expected) =>
        Assert.Equal(expected, CollectionFreeBudget.For(available));

    [Theory]
    [InlineData(0L)]
    [InlineData((2L << 30) - 1)]
    [InlineData(1L << 30)]
    public void Should_Have_No_Budget_On_A_Machine_Below_Two_Gibibytes(long available)
    {
        Assert.Null(CollectionFreeBudget.For(available));
        Assert.False(CollectionFreeBudget.Start(available));
    }
}
