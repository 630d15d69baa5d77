namespace K2Orleans.Integration.Tests.Grains;

/// <summary>Registers a reminder and counts how often it fired in this activation.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task<int> GetTickCountAsync();

    Task StopAsync();
}
