namespace K2Orleans.Integration.Tests.Grains;

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<string> EchoAsync(string text) => Task.FromResult($"{this.GetPrimaryKeyString()}: {text}");
}
