using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Planning;
using K2Orleans.Grains.Progress;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// The bookkeeping of a job, without Orleans: which batches to dispatch, what a report changes, when the job ends.
/// Counts change only when a batch settles, and a batch settles once, so a batch that ran twice (lost, then found
/// again) is never counted twice. The end is final: once the job has ended nothing changes its counts, so the state,
/// the status socket, WordPress and the end's log line all read the same numbers. A cancel counts what the stopped
/// batches wrote as part of ending (<see cref="Cancel"/>), not afterwards.
/// </summary>
public sealed class JobLedger
{
    public const int MaxAttempts = 5;
    public const int SnapshotErrors = 20;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly Dictionary<int, DateTimeOffset> dispatchedAt = [];
    private readonly Dictionary<int, DateTimeOffset> retryNotBefore = [];
    private readonly RateWindow rate = new(TimeSpan.FromSeconds(30));
    private readonly ErrorGroups errors;
    private BatchStatuses batches;
    private bool unsaved;

    /// <summary>Takes over stored state; batches stored as in flight are presumed running until a check says otherwise.</summary>
    public JobLedger(TrophyJobState state, DateTimeOffset now)
    {
        State = state;
        errors = new ErrorGroups(state.Errors, TrophyJobState.MaxStoredErrors);
        batches = new BatchStatuses(state.Batches);
        foreach (var index in batches.IndexesOf(BatchStatus.InFlight))
        {
            dispatchedAt[index] = now;
        }
    }

    public TrophyJobState State { get; }

    public bool IsStarted => State.Request is not null;

    public bool IsFinished => State.Status.IsFinished();

    /// <summary>True when the state holds changes not yet stored; the store clears it with <see cref="Saved"/>.</summary>
    public bool HasUnsavedChanges => unsaved;

    public BatchPlan Plan => new(State.Total, State.BatchSize);

    public IReadOnlyCollection<int> InFlight => dispatchedAt.Keys;

    public void Begin(JobRequest request, long total, DateTimeOffset now)
    {
        var plan = BatchPlan.For(total, request.Spec.Slots[^1].ChoiceCount, request.BatchSize);
        State.Request = request;
        State.Total = total;
        State.BatchSize = plan.BatchSize;
        State.Batches = new byte[plan.BatchCount];
        batches = new BatchStatuses(State.Batches);
        State.Attempts = new byte[plan.BatchCount];
        State.Status = JobState.Running;
        State.StartedAt = now;
        rate.Add(now, 0);
        unsaved = true;
    }

    /// <summary>The state as it is now has been stored.</summary>
    public void Saved() => unsaved = false;

    /// <summary>Pending batches whose retry time has come, up to <paramref name="window"/> in flight; marks them in flight.</summary>
    public IReadOnlyList<(int Batch, int Attempt, IndexRange Range)> TakeForDispatch(int window, DateTimeOffset now)
    {
        var taken = new List<(int, int, IndexRange)>();
        if (State.Status != JobState.Running)
        {
            return taken;
        }

        for (var i = 0; i < batches.Count && dispatchedAt.Count < window; i++)
        {
            if (batches[i] != BatchStatus.Pending
                || (retryNotBefore.TryGetValue(i, out var notBefore) && notBefore > now))
            {
                continue;
            }

            batches[i] = BatchStatus.InFlight;
            State.Attempts[i]++;
            dispatchedAt[i] = now;
            retryNotBefore.Remove(i);
            taken.Add((i, State.Attempts[i], Plan.RangeOf(i)));
        }

        unsaved |= taken.Count > 0;
        return taken;
    }

    /// <summary>In-flight batches dispatched at least <paramref name="age"/> ago: the ones worth asking whether they still run.</summary>
    public IEnumerable<int> InFlightOlderThan(TimeSpan age, DateTimeOffset now) =>
        [.. dispatchedAt.Where(pair => now - pair.Value >= age).Select(pair => pair.Key)];

    /// <summary>Applies a report; false when it changes nothing (a duplicate, a late twin, or any report after the end).</summary>
    public bool Apply(BatchReport report, DateTimeOffset now)
    {
        var index = report.BatchIndex;

        // After the end nothing changes and nothing ends again. A cancel has already counted the answers of the
        // batches it stopped; what arrives now is one of those reports again, or a batch that did not answer the
        // stop in time, whose late images stay uncounted rather than change counts readers have already taken.
        if (IsFinished || !batches.Contains(index) || batches.IsSettled(index))
        {
            return false;
        }

        if (report.Cancelled)
        {
            // Stopped, not failed (its silo shut down): the run does not count as an attempt, and what it rendered is
            // counted once, by the run that finishes the batch (as skipped, when up to date). A stop of an earlier
            // attempt while a later one runs changes nothing.
            if (batches[index] == BatchStatus.InFlight && report.Attempt != State.Attempts[index])
            {
                return false;
            }

            dispatchedAt.Remove(index);
            HandBack(index);
            unsaved = true;
            return true;
        }

        unsaved = true;
        dispatchedAt.Remove(index);
        if (report.Error is not null)
        {
            State.LastBatchError = report.Error;
            Retry(index, now, report.Error);
        }
        else
        {
            Count(report);
            batches[index] = BatchStatus.Done;
            rate.Add(now, Processed);
        }

        FinishIfSettled(now);
        return true;
    }

    /// <summary>A batch that is not running any more without having reported (its silo died): run it again.</summary>
    public void MarkLost(int index, DateTimeOffset now)
    {
        if (dispatchedAt.Remove(index) && batches[index] == BatchStatus.InFlight)
        {
            unsaved = true;
            Retry(index, now, "the batch was lost (its silo stopped or restarted)");
            FinishIfSettled(now);
        }
    }

    /// <summary>
    /// The activation is going away (its silo stops): every in-flight batch goes back to pending without costing an
    /// attempt, so a planned restart never brings a batch closer to giving up. A batch still running elsewhere is
    /// sent again by the next activation; sending a running batch again does not restart it, and its report settles it.
    /// </summary>
    public int HandBackInFlight()
    {
        var inFlight = dispatchedAt.Keys.ToArray();
        foreach (var index in inFlight)
        {
            dispatchedAt.Remove(index);
            HandBack(index);
        }

        unsaved |= inFlight.Length > 0;
        return inFlight.Length;
    }

    public void Pause()
    {
        if (State.Status is JobState.Running or JobState.Queued)
        {
            State.Status = JobState.Paused;
            rate.Clear();
            unsaved = true;
        }
    }

    public void Resume(DateTimeOffset now)
    {
        if (State.Status == JobState.Paused)
        {
            State.Status = JobState.Running;
            rate.Add(now, Processed);
            unsaved = true;
        }
    }

    /// <summary>
    /// Ends the job as cancelled. <paramref name="stopped"/> are the answers of the in-flight batches to the stop,
    /// each with what it wrote before stopping (its whole range if it had just finished): they are counted here, once,
    /// as part of the end, so the final counts cover every image written before the stop. A batch that did not answer
    /// is not counted, and nothing that arrives later is (<see cref="Apply"/>). If the end is not stored (database
    /// down) the reminder stores it later; the counts in memory are already final.
    /// </summary>
    public void Cancel(IReadOnlyList<BatchReport> stopped, DateTimeOffset now)
    {
        if (IsFinished)
        {
            return;
        }

        foreach (var report in stopped.Where(r => batches.Contains(r.BatchIndex)))
        {
            // One answer per batch; the status change below keeps a repeated one from counting twice.
            if (batches[report.BatchIndex] == BatchStatus.InFlight)
            {
                Count(report);
                var whole = !report.Cancelled && report.Error is null;
                batches[report.BatchIndex] = whole ? BatchStatus.Done : BatchStatus.Pending;
            }
        }

        foreach (var index in dispatchedAt.Keys.Where(i => batches[i] == BatchStatus.InFlight))
        {
            batches[index] = BatchStatus.Pending;
        }

        dispatchedAt.Clear();
        State.Status = JobState.Cancelled;
        State.FinishedAt = now;
        unsaved = true;
    }

    public JobSnapshot Snapshot(string jobId, DateTimeOffset now)
    {
        var remaining = State.Total - Processed;
        var done = batches.SettledCount;
        var elapsed = State.StartedAt is { } started ? ((State.FinishedAt ?? now) - started).TotalSeconds : 0;
        double? eta = IsFinished ? 0 : State.Status == JobState.Running && Processed > 0 ? rate.EtaSeconds(remaining) : null;
        return new JobSnapshot(
            jobId,
            State.Request?.Spec.Slug ?? "",
            State.Status,
            State.Total,
            State.Done,
            State.Skipped,
            State.Failed,
            State.StartedAt,
            State.FinishedAt,
            elapsed,
            rate.PerSecond(),
            eta,
            [.. State.Errors.Take(SnapshotErrors).Select(ErrorGroups.Describe)],
            new BatchCounts(batches.Count, done, dispatchedAt.Count));
    }

    private long Processed => State.Done + State.Skipped + State.Failed;

    private void Count(BatchReport report)
    {
        State.Done += report.Rendered;
        State.Skipped += report.Skipped;
        State.Failed += report.Failed;
        errors.AddRange(report.Errors);
    }

    private void HandBack(int index)
    {
        if (batches[index] == BatchStatus.InFlight && State.Attempts[index] > 0)
        {
            State.Attempts[index]--;
        }

        batches[index] = BatchStatus.Pending;
        retryNotBefore.Remove(index);
    }

    private void Retry(int index, DateTimeOffset now, string reason)
    {
        if (State.Attempts[index] >= MaxAttempts)
        {
            // Giving up turns the batch's whole range into failed combinations, so the counts still add up.
            var range = Plan.RangeOf(index).Count;
            batches[index] = BatchStatus.GaveUp;
            State.Failed += range;
            errors.Add(new CombinationError($"batch-{index}", $"gave up after {MaxAttempts} attempts: {reason}", range));
            return;
        }

        batches[index] = BatchStatus.Pending;
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, State.Attempts[index] - 1));
        retryNotBefore[index] = now + (backoff < MaxBackoff ? backoff : MaxBackoff);
    }

    private void FinishIfSettled(DateTimeOffset now)
    {
        if (IsFinished || !batches.AllSettled)
        {
            return;
        }

        State.Status = batches.Any(BatchStatus.GaveUp) ? JobState.Failed : JobState.Completed;
        State.FinishedAt = now;
    }
}
