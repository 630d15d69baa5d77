using System.Collections.Frozen;
using System.Collections.Immutable;

namespace K2Orleans.StatusBridge.Sources;

/// <summary>
/// The job ids the cluster's job index holds, read at most once per <c>maxAge</c>, so that asking for ids nobody
/// started costs one index call per interval however many are asked, and no job grain at all.
/// </summary>
/// <param name="fetch">Reads every id the index keeps.</param>
/// <param name="maxAge">How stale the set may be before an id not in it makes it be read again; a job started since is
/// "not found" for at most this long.</param>
public sealed class KnownJobIds(Func<Task<ImmutableArray<string>>> fetch, TimeProvider time, TimeSpan maxAge)
{
    private readonly Lock gate = new();
    private FrozenSet<string>? known;

    // The latest read of the index, under way or finished; replaced only once it is finished and maxAge old.
    private Task<FrozenSet<string>>? fetching;
    private long fetchStartedAt;
    private int fetches;

    /// <summary>Index reads started so far.</summary>
    public int Fetches => Volatile.Read(ref fetches);

    /// <summary>Whether the index holds <paramref name="jobId"/>.</summary>
    /// <exception cref="Exception">The index could not be read, and no earlier read succeeded.</exception>
    public async Task<bool> ContainsAsync(string jobId, CancellationToken cancellationToken)
    {
        Task<FrozenSet<string>> pending;
        lock (gate)
        {
            // Ids leave the index only a week after their job finished, so a known id in a stale set is still good.
            if (known?.Contains(jobId) == true)
            {
                return true;
            }

            if (fetching is null || (fetching.IsCompleted && time.GetElapsedTime(fetchStartedAt) >= maxAge))
            {
                fetchStartedAt = time.GetTimestamp();
                Interlocked.Increment(ref fetches);
                fetching = FetchAsync();
            }
            else if (fetching.IsCompleted && known is not null)
            {
                return false;
            }

            // A read under way is shared by every caller that misses meanwhile; a read that failed with nothing known
            // before is awaited again so its exception says why, until maxAge allows another.
            pending = fetching;
        }

        return (await pending.WaitAsync(cancellationToken)).Contains(jobId);
    }

    private async Task<FrozenSet<string>> FetchAsync()
    {
        // Task.Run: a fetch that blocks synchronously must not hold up the caller, who holds the lock.
        var ids = await Task.Run(fetch);
        var set = ids.ToFrozenSet(StringComparer.Ordinal);
        lock (gate)
        {
            known = set;
        }

        return set;
    }
}
