namespace K2Orleans.Integration.Tests.Grains;

/// <summary>Answers with its input: proves a client reaches a silo.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<string> EchoAsync(string text);
}
