namespace Assistant.Cli.Tests.Reporting;

/// <summary>The reporting tests share one migrated demo repository (migrating it takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class MigratedDemoCollection : ICollectionFixture<MigratedDemoFixture>
{
    public const string Name = "migrated demo";
}
