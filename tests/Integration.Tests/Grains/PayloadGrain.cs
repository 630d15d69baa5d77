using K2Orleans.Integration.Tests.Hosting;

namespace K2Orleans.Integration.Tests.Grains;

public sealed class PayloadGrain(
    [PersistentState(PayloadGrain.StateName, TestHosts.StorageName)] IPersistentState<PayloadState> state)
    : Grain, IPayloadGrain
{
    public const string StateName = "payload";

    private readonly Guid activationToken = Guid.NewGuid();

    public async Task SaveAsync(byte[] payload)
    {
        state.State.Data = payload;
        await state.WriteStateAsync();
    }

    public Task<byte[]> GetPayloadAsync() => Task.FromResult(state.State.Data);

    public Task<Guid> GetActivationTokenAsync() => Task.FromResult(activationToken);

    public Task DeactivateAsync()
    {
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
