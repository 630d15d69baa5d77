namespace K2Orleans.MultiHost.Tests.Support;

[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MariaDbFixture>
{
    public const string Name = "private MariaDB";
}
