using K2Orleans.TestSupport;
using K2Orleans.TestSupport.Clusters;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Tests.Support;

/// <summary>The job engine's cluster: real grains and renderer, state in a SQLite file, jobs ticking fast.</summary>
public static class EngineCluster
{
    /// <param name="reminderClock">The clock of the reminders (and of the schedules they drive); null for the real one.</param>
    /// <param name="logs">Also receives every silo's log records.</param>
    public static Task<InProcessCluster> StartAsync(short silos, int renderLimit, TimeProvider? reminderClock = null, ILoggerProvider? logs = null) =>
        InProcessCluster.StartAsync(new InProcessClusterOptions
        {
            Silos = silos,
            SqliteState = true,
            ReminderClock = reminderClock,
            Logs = logs,
            FastJobs = true,
            Rendering = o =>
            {
                o.MaxConcurrentRenders = renderLimit;
                TestRoots.Allow(o.OutputRoots, o.AssetRoots);
            },
        });
}
