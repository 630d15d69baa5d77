using System.Collections.Immutable;
using K2Orleans.GrainInterfaces.Trophies;
using K2Orleans.Grains.Requests;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// The one place that creates jobs, so a trophy never has two unfinished builds: calls are handled one at a time,
/// and a trophy with an unfinished job gets that job back. Finished jobs are listed for a day, kept for a week.
/// </summary>
public sealed class JobIndexGrain(
    [PersistentState("jobIndex", K2Storage.Name)] IPersistentState<JobIndexState> state, TimeProvider time, JobRequestGate gate) : Grain, IJobIndexGrain
{
    private static readonly TimeSpan Listed = TimeSpan.FromDays(1);
    private static readonly TimeSpan Kept = TimeSpan.FromDays(7);

    private Dictionary<string, JobIndexEntry> Jobs => state.State.Jobs;

    public async Task<JobSnapshot> StartOrGetAsync(JobRequest request)
    {
        // Before anything is stored: a refused request leaves no trace but the log line.
        gate.Enforce(request, nameof(JobIndexGrain));
        var slug = request.Spec.Slug;
        var existing = Jobs.Where(j => j.Value.Trophy == slug && !j.Value.IsFinished).Select(j => j.Key).FirstOrDefault();
        if (existing is not null && await Job(existing).GetStatusAsync() is { IsFinished: false } running)
        {
            return running;
        }

        var now = time.GetUtcNow();
        var id = JobKeys.NewJobId(slug, now);
        for (var n = 2; Jobs.ContainsKey(id); n++)
        {
            id = $"{JobKeys.NewJobId(slug, now)}-{n}";
        }

        Jobs[id] = new JobIndexEntry(slug, JobState.Queued, now, null);
        await state.WriteStateAsync();
        var started = await Job(id).StartAsync(request);
        await GrainFactory.GetGrain<ITrophyRegistryGrain>(ITrophyRegistryGrain.KeyOf(slug)).SetLatestAsync(request);   // the image endpoint's spec
        return started;
    }

    public Task<ImmutableArray<string>> ListRecentAsync()
    {
        var since = time.GetUtcNow() - Listed;
        return Task.FromResult(Ordered(Jobs.Where(j => !j.Value.IsFinished || j.Value.FinishedAt >= since)));
    }

    public Task<ImmutableArray<string>> ListKnownAsync() => Task.FromResult<ImmutableArray<string>>([.. Jobs.Keys]);

    public Task<ImmutableArray<string>> ListUnfinishedAsync() => Task.FromResult(Ordered(Jobs.Where(j => !j.Value.IsFinished)));

    public async Task UpdateAsync(string jobId, string trophy, JobState status, DateTimeOffset? finishedAt)
    {
        var createdAt = Jobs.TryGetValue(jobId, out var known) ? known.CreatedAt : time.GetUtcNow();
        Jobs[jobId] = new JobIndexEntry(trophy, status, createdAt, finishedAt);
        var forgetBefore = time.GetUtcNow() - Kept;
        foreach (var old in Jobs.Where(j => j.Value.FinishedAt < forgetBefore).Select(j => j.Key).ToList())
        {
            Jobs.Remove(old);
        }

        await state.WriteStateAsync();
    }

    private ITrophyJobGrain Job(string id) => GrainFactory.GetGrain<ITrophyJobGrain>(JobKeys.Job(id));

    private static ImmutableArray<string> Ordered(IEnumerable<KeyValuePair<string, JobIndexEntry>> jobs) =>
        [.. jobs.OrderBy(j => j.Value.CreatedAt).Select(j => j.Key)];
}
