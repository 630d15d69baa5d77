using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Jobs;

namespace K2Orleans.Grains.Tests.Jobs;

public sealed class JobLedgerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    // 3 x 4 combinations in batches of 4: batches 0, 1 and 2.
    private static JobLedger NewJob(out TrophyJobState state)
    {
        state = new TrophyJobState();
        var ledger = new JobLedger(state, Start);
        ledger.Begin(new JobRequest(Some.Spec([3, 4]), "/out", Force: false, BatchSize: 4), 12, Start);
        return ledger;
    }

    private static BatchReport Finished(int batch, int attempt, int rendered = 4) =>
        new(batch, attempt, "silo", rendered, 4 - rendered, 0, [], null, Cancelled: false);

    private static BatchReport Stopped(int batch, int attempt, int rendered) =>
        new(batch, attempt, "silo", rendered, 0, 0, [], null, Cancelled: true);

    private static BatchReport Crashed(int batch, int attempt) =>
        new(batch, attempt, "silo", 0, 0, 0, [], "disk full", Cancelled: false);

    [Fact]
    public void ShouldCountEachBatchOnceEvenWhenItReportsTwice()
    {
        var ledger = NewJob(out var state);
        var taken = ledger.TakeForDispatch(window: 3, Start);

        Assert.Equal([0, 1, 2], taken.Select(t => t.Batch));
        Assert.True(ledger.Apply(Finished(0, 1), Start));
        Assert.False(ledger.Apply(Finished(0, 1), Start));
        Assert.True(ledger.Apply(Finished(1, 1, rendered: 1), Start));
        Assert.True(ledger.Apply(Finished(2, 1), Start));

        Assert.Equal((JobState.Completed, 9L, 3L), (state.Status, state.Done, state.Skipped));
    }

    [Fact]
    public void ShouldSendAStoppedBatchAgainAtNoAttemptsCostCountingOnlyTheRunThatFinishesIt()
    {
        var ledger = NewJob(out var state);
        ledger.TakeForDispatch(window: 1, Start);

        for (var stop = 0; stop < JobLedger.MaxAttempts * 2; stop++)
        {
            Assert.True(ledger.Apply(Stopped(0, 1, rendered: 2), Start));
            Assert.Equal([(0, 1)], ledger.TakeForDispatch(window: 1, Start).Select(t => (t.Batch, t.Attempt)));
        }

        Assert.True(ledger.Apply(Finished(0, 1, rendered: 0), Start));
        Assert.Equal((0L, 4L, 0L), (state.Done, state.Skipped, state.Failed));
    }

    [Fact]
    public void ShouldIgnoreTheStopOfAnEarlierAttemptWhileALaterOneRuns()
    {
        var ledger = NewJob(out _);
        ledger.TakeForDispatch(window: 1, Start);
        ledger.MarkLost(0, Start);
        var again = ledger.TakeForDispatch(window: 1, Start.AddMinutes(1));

        Assert.Equal([(0, 2)], again.Select(t => (t.Batch, t.Attempt)));
        Assert.False(ledger.Apply(Stopped(0, 1, rendered: 1), Start.AddMinutes(1)));
        Assert.Equal([0], ledger.InFlight);
    }

    [Fact]
    public void ShouldHandBackInFlightBatchesAtNoAttemptsCostWhenTheActivationGoes()
    {
        var ledger = NewJob(out var state);
        ledger.TakeForDispatch(window: 2, Start);

        Assert.Equal(2, ledger.HandBackInFlight());
        Assert.Empty(ledger.InFlight);
        Assert.Equal([0, 0, 0], state.Attempts);

        // As the next activation finds it in storage: everything pending, sent again at once.
        var next = new JobLedger(state, Start.AddSeconds(5));
        Assert.Equal([(0, 1), (1, 1), (2, 1)], next.TakeForDispatch(window: 3, Start.AddSeconds(5)).Select(t => (t.Batch, t.Attempt)));
    }

    [Fact]
    public void ShouldGiveUpABatchThatCrashesEveryAttemptCountingItsCombinationsAsFailed()
    {
        var ledger = NewJob(out var state);
        var now = Start;
        for (var attempt = 1; attempt <= JobLedger.MaxAttempts; attempt++)
        {
            now = now.AddMinutes(5);
            var taken = ledger.TakeForDispatch(window: 1, now);
            Assert.Equal([(0, attempt)], taken.Select(t => (t.Batch, t.Attempt)));
            ledger.Apply(Crashed(0, attempt), now);
        }

        ledger.TakeForDispatch(window: 3, now).ToList().ForEach(t => ledger.Apply(Finished(t.Batch, t.Attempt), now));

        Assert.Equal((JobState.Failed, 8L, 4L), (state.Status, state.Done, state.Failed));
        Assert.Contains(state.Errors, e => e.Key == "batch-0" && e.Message.Contains("disk full", StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldCountWhatStoppedBatchesWroteAsTheCancelEndsTheJobAndNothingThatArrivesLater()
    {
        var ledger = NewJob(out var state);
        ledger.TakeForDispatch(window: 3, Start);
        ledger.Apply(Finished(0, 1), Start);

        // Batch 1 answers the stop with the 3 images it wrote; batch 2 does not answer in time.
        ledger.Cancel([Stopped(1, 1, rendered: 3)], Start.AddSeconds(1));
        var ended = ledger.Snapshot("job", Start.AddSeconds(1));

        Assert.Equal((JobState.Cancelled, 7L, 5L), (ended.Status, ended.Done, ended.Remaining));
        Assert.Empty(ledger.InFlight);
        Assert.False(ledger.Apply(Stopped(1, 1, rendered: 3), Start.AddSeconds(2)));
        Assert.False(ledger.Apply(Finished(2, 1), Start.AddSeconds(2)));
        Assert.False(ledger.Apply(Crashed(2, 1), Start.AddSeconds(2)));
        var later = ledger.Snapshot("job", Start.AddSeconds(3));
        Assert.Equal((ended.Status, ended.Done, ended.Remaining, ended.FinishedAt, ended.Batches), (later.Status, later.Done, later.Remaining, later.FinishedAt, later.Batches));
        Assert.Equal((7L, 0L, Start.AddSeconds(1)), (state.Done, state.Failed, state.FinishedAt));
    }

    [Fact]
    public void ShouldIgnoreReportsAfterTheJobCompleted()
    {
        var ledger = NewJob(out var state);
        ledger.TakeForDispatch(window: 3, Start).ToList().ForEach(t => ledger.Apply(Finished(t.Batch, t.Attempt), Start));

        Assert.False(ledger.Apply(Stopped(1, 1, rendered: 1), Start));
        Assert.Equal((JobState.Completed, 12L), (state.Status, state.Done));
    }

    [Fact]
    public void ShouldKnowWhetherStateHasChangesNotYetStored()
    {
        var ledger = NewJob(out _);
        var unsaved = new List<bool> { ledger.HasUnsavedChanges };
        ledger.Saved();
        ledger.TakeForDispatch(window: 1, Start);
        unsaved.Add(ledger.HasUnsavedChanges);
        ledger.Saved();
        ledger.TakeForDispatch(window: 1, Start);
        ledger.Apply(Finished(7, 1), Start);
        unsaved.Add(ledger.HasUnsavedChanges);
        ledger.Apply(Finished(0, 1), Start);
        unsaved.Add(ledger.HasUnsavedChanges);
        ledger.Saved();
        ledger.Apply(Finished(0, 1), Start);
        ledger.Resume(Start);
        unsaved.Add(ledger.HasUnsavedChanges);
        ledger.Pause();
        unsaved.Add(ledger.HasUnsavedChanges);

        // Begun; dispatched; nothing (full window, unknown batch); a settled batch; a duplicate and a resume of a running
        // job change nothing; a pause does.
        Assert.Equal([true, true, false, true, false, true], unsaved);
    }

    [Fact]
    public void ShouldRecordAMissingLayerOnceWithEveryCombinationItFailsAcrossBatches()
    {
        var ledger = NewJob(out var state);
        ledger.TakeForDispatch(window: 3, Start);
        const string missing = "layer 'topper/crown.png' does not exist";

        ledger.Apply(new BatchReport(0, 1, "silo", 1, 0, 3, [new("a_crown", missing, 3)], null, Cancelled: false), Start);
        ledger.Apply(new BatchReport(1, 1, "silo", 0, 0, 4, [new("b_crown", missing, 4)], null, Cancelled: false), Start);

        Assert.Equal([new CombinationError("a_crown", missing, 7)], state.Errors);
        Assert.Equal([new CombinationError("a_crown", missing + " (7 combinations)", 7)], ledger.Snapshot("job", Start).Errors.ToArray());
    }
}
