namespace K2Orleans.Integration.Tests.Grains;

[GenerateSerializer]
public sealed class PayloadState
{
    [Id(0)]
    public byte[] Data { get; set; } = [];
}
