using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.GrainInterfaces.WordPress;
using K2Orleans.StatusBridge.Hosting;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// Reads status from the cluster with a handful of cheap grain calls: the active silos (management grain), each
/// silo's render gate, and the jobs the index lists. Works inside a silo and from an external client alike.
/// A job grain is asked only about an id the job index holds: activating one costs a storage read and memory for as
/// long as it stays active, so ids nobody started must never reach one.
/// Inside a silo the silo list comes from this silo's own view of membership, which needs no database: the
/// management grain re-reads the membership table first and fails while the database is down. Jobs that cannot be
/// read (their grains sat on a silo that just died) are left unread, and the snapshot says why it is degraded.
/// Each part of a read (silo figures, jobs, poller) gets <see cref="PartBudget"/>, less than the whole request's
/// timeout: a job grain stuck saving to a database that is gone must not hide the database check's answer, which is
/// the reason a reader needs.
/// </summary>
public sealed class OrleansStatusSource : IStatusSource
{
    /// <summary>How long a read of the index's ids answers for unknown ids; see <see cref="KnownJobIds"/>.</summary>
    public static readonly TimeSpan KnownIdsMaxAge = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory grains;
    private readonly IClusterMembershipService? membership;
    private readonly MembershipDatabaseProbe? database;

    /// <param name="membership">This silo's membership view; null in a client, which asks the management grain.</param>
    /// <param name="database">The membership database (MySql mode); null when there is none to watch.</param>
    /// <param name="options">The bridge's options, for the request timeout; the default timeout when null.</param>
    public OrleansStatusSource(
        IGrainFactory grains, TimeProvider? time = null, IClusterMembershipService? membership = null, MembershipDatabaseProbe? database = null,
        IOptions<StatusBridgeOptions>? options = null)
    {
        this.grains = grains;
        this.membership = membership;
        this.database = database;
        PartBudget = (options?.Value ?? new StatusBridgeOptions()).RequestTimeout * 0.75;
        KnownJobs = new KnownJobIds(() => Index.ListKnownAsync(), time ?? TimeProvider.System, KnownIdsMaxAge);
    }

    /// <summary>How long each part of a cluster read may take before it is reported as not read: 75 % of the request timeout.</summary>
    public TimeSpan PartBudget { get; }

    /// <summary>The index's ids as this source last read them.</summary>
    public KnownJobIds KnownJobs { get; }

    private IJobIndexGrain Index => grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key);

    public async Task<ClusterSnapshot> GetClusterAsync(CancellationToken cancellationToken)
    {
        // The parts are read side by side, each within its budget, so the whole read ends within one budget.
        var databaseCheck = database?.ProblemAsync(cancellationToken) ?? Task.FromResult<string?>(null);
        var jobsRead = JobsAsync(cancellationToken);
        var pollerRead = PollerAsync(cancellationToken);
        var hosts = membership is null
            ? await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
            : membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).ToDictionary(m => m.SiloAddress, m => m.Status);
        var silos = await Task.WhenAll(hosts.Select(async host =>
        {
            var status = host.Value.ToString().ToLowerInvariant();
            try
            {
                var stats = await grains.GetGrain<ISiloStatsGrain>(ISiloStatsGrain.KeyOf(host.Key.ToParsableString())).GetStatsAsync()
                    .WaitAsync(PartBudget, cancellationToken);
                return new SiloSnapshot(host.Key.Endpoint.ToString(), status, stats.Active, stats.Limit, stats.OnRequest);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A silo that joined a moment ago (or is going) is listed without figures rather than failing the page.
                return new SiloSnapshot(host.Key.Endpoint.ToString(), status, 0, 0);
            }
        }));

        var (jobs, jobProblem) = await jobsRead;
        var problems = new[] { await databaseCheck, jobProblem }.OfType<string>().ToArray();
        return new ClusterSnapshot(
            silos.Length > 0, [.. silos.OrderBy(s => s.Address, StringComparer.Ordinal)], jobs, await pollerRead,
            problems.Length > 0 ? string.Join("; ", problems) : null);
    }

    /// <summary>The recent jobs, or default (not read) and why: their grains may sit on a silo that just died.</summary>
    private async Task<(ImmutableArray<JobSnapshot> Jobs, string? Problem)> JobsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var jobs = await ReadJobsAsync().WaitAsync(PartBudget, cancellationToken);
            return ([.. jobs.OfType<JobSnapshot>()], null);
        }
        catch (TimeoutException)
        {
            return (default, $"jobs did not answer within {PartBudget.TotalSeconds:0.###} s, showing the last known");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (default, $"jobs could not be read, showing the last known ({e.Message.TrimEnd('.')})");
        }
    }

    private async Task<JobSnapshot?[]> ReadJobsAsync()
    {
        // These ids come from the index itself, so their grains are asked without looking them up again.
        var jobIds = await Index.ListRecentAsync();
        return await Task.WhenAll(jobIds.Select(JobStatusAsync));
    }

    public async Task<JobSnapshot?> GetJobAsync(string jobId, CancellationToken cancellationToken) =>
        await KnownJobs.ContainsAsync(jobId, cancellationToken) ? await JobStatusAsync(jobId) : null;

    /// <summary>The WordPress poller's health; null when it cannot be asked (the status then says it is unknown).</summary>
    private async Task<PollerStatus?> PollerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<IWordPressPollerGrain>(IWordPressPollerGrain.Key).GetStatusAsync().WaitAsync(PartBudget, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private Task<JobSnapshot?> JobStatusAsync(string jobId) => grains.GetGrain<ITrophyJobGrain>(ITrophyJobGrain.KeyOf(jobId)).GetStatusAsync();
}
