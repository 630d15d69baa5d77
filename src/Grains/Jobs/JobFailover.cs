using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// Watches this silo's view of membership. When a silo is declared dead it records the death in <see cref="SiloDeaths"/>,
/// so the jobs on this silo ask all their in-flight batches on their next tick (Jobs:TickInterval) instead of at the
/// next liveness check, and wakes every unfinished job, so a job whose own activation died with the silo comes back
/// now rather than at its one-minute reminder. Every silo does this; waking a running job changes nothing.
/// </summary>
public sealed partial class JobFailover(IClusterMembershipService membership, SiloDeaths deaths, IGrainFactory grains, ILogger<JobFailover> logger)
    : BackgroundService
{
    private const int WakeAttempts = 6;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                // Only silos this one saw alive: old dead rows read at start-up are not news.
                var died = previous is null ? [] : snapshot.CreateUpdate(previous).Changes
                    .Where(m => m.Status == SiloStatus.Dead && previous.Members.TryGetValue(m.SiloAddress, out var was) && was.Status != SiloStatus.Dead)
                    .Select(m => m.SiloAddress.ToString())
                    .ToArray();
                previous = snapshot;
                if (died.Length > 0)
                {
                    deaths.Record();
                    await WakeUnfinishedJobsAsync(string.Join(", ", died), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeUnfinishedJobsAsync(string died, CancellationToken stoppingToken)
    {
        // Right after a death is declared, calls to grains that lived on the dead silo (the index, a job) can still be
        // rejected for a few seconds while the directory lets go of them: try again a few times, a second apart.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var unfinished = await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).ListUnfinishedAsync();
                LogSiloDied(logger, died, unfinished.Length);
                await Task.WhenAll(unfinished.Select(jobId => grains.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId)).EnsureRunningAsync()));
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException && !stoppingToken.IsCancellationRequested)
            {
                if (attempt == WakeAttempts)
                {
                    // The jobs' own liveness checks (Jobs:LivenessInterval) still find the lost batches, only later.
                    LogRecheckFailed(logger, e, died);
                    return;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} declared dead; {JobCount} unfinished job(s) check their batches now")]
    private static partial void LogSiloDied(ILogger logger, string silos, int jobCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} declared dead, but the unfinished jobs could not be told; their liveness checks will find its batches")]
    private static partial void LogRecheckFailed(ILogger logger, Exception exception, string silos);
}
