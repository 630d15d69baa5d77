using System.Diagnostics;
using K2Orleans.StatusBridge.Hosting;
using K2Orleans.StatusBridge.Sources;
using K2Orleans.StatusBridge.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace K2Orleans.StatusBridge.Tests.GuardedJobLookupTests;

public sealed class TheFindMethod
{
    private readonly FakeStatusSource source = new();

    // Generous unless a test waits for the timeout: a loaded machine must not turn answers into timeouts.
    private GuardedJobLookup CreateLookup(int maxConnections = 64, int timeoutMs = 5000) => new(
        source,
        Options.Create(new StatusBridgeOptions { RequestTimeout = TimeSpan.FromMilliseconds(timeoutMs), MaxConnections = maxConnections }),
        NullLogger<GuardedJobLookup>.Instance);

    [Fact]
    public async Task ShouldReturnTheJob()
    {
        var found = await CreateLookup().FindAsync(Some.Job().Id, CancellationToken.None);

        Assert.Equal(Some.Job().Id, found.Job?.Id);
        Assert.Null(found.UnavailableReason);
    }

    [Fact]
    public async Task ShouldSayNotFoundForAnUnknownId() =>
        Assert.Same(JobLookupResult.NotFound, await CreateLookup().FindAsync("nope", CancellationToken.None));

    [Fact]
    public async Task ShouldReportAFailingSourceAsUnavailable()
    {
        source.Mode = FakeStatusSource.Behaviour.Throw;

        var found = await CreateLookup().FindAsync("x", CancellationToken.None);

        Assert.Null(found.Job);
        Assert.Contains("cluster unreachable (fake)", found.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldGiveUpOnAHangingSourceWithinItsBudget()
    {
        source.Mode = FakeStatusSource.Behaviour.Hang;
        var lookup = CreateLookup(timeoutMs: 1000);

        var watch = Stopwatch.StartNew();
        var found = await lookup.FindAsync("x", CancellationToken.None);

        Assert.Equal(TimeSpan.FromMilliseconds(500), lookup.Budget);
        Assert.InRange(watch.Elapsed, lookup.Budget * 0.9, lookup.Budget * 4);
        Assert.Contains("did not answer within 0.5 s", found.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldStopCallingASourceWhoseCallsNeverEnd()
    {
        source.Mode = FakeStatusSource.Behaviour.Hang;
        var lookup = CreateLookup(maxConnections: 2, timeoutMs: 500);
        await lookup.FindAsync("a", CancellationToken.None);
        await lookup.FindAsync("b", CancellationToken.None);

        var watch = Stopwatch.StartNew();
        var found = await lookup.FindAsync("c", CancellationToken.None);

        Assert.True(watch.Elapsed < lookup.Budget, $"took {watch.Elapsed}");
        Assert.Contains("too many job lookups", found.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(2, source.JobCalls);
    }
}
