namespace K2Orleans.SampleGenerator.Tests.Support;

[CollectionDefinition(Name)]
public sealed class GeneratedCollection : ICollectionFixture<GeneratedTrophies>
{
    public const string Name = "generated trophies";
}
