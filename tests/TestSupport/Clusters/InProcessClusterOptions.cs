using K2Orleans.Grains.Rendering;
using Microsoft.Extensions.Logging;

namespace K2Orleans.TestSupport.Clusters;

/// <summary>What an <see cref="InProcessCluster"/> runs besides the real grains; each default is the plainest cluster.</summary>
public sealed class InProcessClusterOptions
{
    public short Silos { get; init; } = 1;

    /// <summary>Grain state in a SQLite file in the cluster's folder, as the embedded daemon keeps it; false: in memory.</summary>
    public bool SqliteState { get; init; }

    /// <summary>A MySQL database with the Orleans schema, for reminders that outlive a silo; null keeps them in memory.</summary>
    public string? MySqlReminders { get; init; }

    /// <summary>The clock of the in-memory reminders (and of the schedules they drive); null for the real one.</summary>
    public TimeProvider? ReminderClock { get; init; }

    /// <summary>Also receives every silo's log records.</summary>
    public ILoggerProvider? Logs { get; init; }

    /// <summary>Rendering settings of every silo; null leaves the defaults (nothing renders unless asked to).</summary>
    public Action<RenderingOptions>? Rendering { get; init; }

    /// <summary>Job ticks every 100 ms and liveness every second, so a test sees a job move in seconds.</summary>
    public bool FastJobs { get; init; }

    /// <summary>More registrations on every silo: a feature under test, fakes.</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }
}
