namespace K2Orleans.Integration.Tests.Grains;

/// <summary>Keeps a byte array in ADO.NET grain storage.</summary>
public interface IPayloadGrain : IGrainWithStringKey
{
    Task SaveAsync(byte[] payload);

    Task<byte[]> GetPayloadAsync();

    /// <summary>A value unique to the current activation, to tell a reactivation from the old one.</summary>
    Task<Guid> GetActivationTokenAsync();

    Task DeactivateAsync();
}
