namespace K2Orleans.Grains.Tests.Support;

/// <summary>Tests that each get a fresh temp folder holding the sample assets (<see cref="Some.Assets"/>) under <c>assets/</c>.</summary>
public abstract class AssetFolderTests : IDisposable
{
    protected AssetFolderTests() => Some.Assets(Temp.Combine("assets"));

    protected TempFolder Temp { get; } = new();

    public void Dispose()
    {
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }
}
