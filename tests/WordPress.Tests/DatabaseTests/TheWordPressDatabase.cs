using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.DatabaseTests;

/// <summary>The poller's SQL against WordPress's real tables, as the daemon's restricted account.</summary>
public sealed class TheWordPressDatabase(SiteOnly fixture) : IClassFixture<SiteOnly>
{
    private WordPressSite Site => fixture.Site;

    private WordPressDatabase NewDatabase() => new(new WordPressOptions
    {
        Enabled = true,
        ConnectionString = Site.DaemonConnectionString,
        TablePrefix = WordPressSite.TablePrefix,
    });

    [Fact]
    public async Task ShouldLetExactlyOneOfTwoSimultaneousClaimsWinTwentyTimesOver()
    {
        var post = await Site.CreateTrophyAsync("Contested", TrophySpecs.Tiny("db-contested").ToJsonString());
        var first = NewDatabase();
        var second = NewDatabase();
        await first.WriteAsync(post, PostMetaKeys.Job, "old-job", CancellationToken.None);

        for (var round = 0; round < 20; round++)
        {
            await first.WriteAsync(post, PostMetaKeys.Status, round % 2 == 0 ? BuildStatus.Requested : BuildStatus.ForceRequested, CancellationToken.None);
            var seen = (await first.FindFlaggedAsync(CancellationToken.None)).Single(f => f.PostId == post).Status;
            using var start = new Barrier(2);
            var claims = await Task.WhenAll(new[] { first, second }.Select(db => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await db.TryClaimAsync(post, seen, CancellationToken.None);
            })));

            Assert.Equal(1, claims.Count(won => won));
        }

        var meta = await Site.MetaAsync(post);
        Assert.Equal("queued", meta.Status);
        Assert.Equal("", meta.Job);
        Assert.Equal(1, meta.RowsOf(PostMetaKeys.Status));
    }

    [Fact]
    public async Task ShouldUpsertWithoutTwinsAndUpdateTwinsWordPressLeft()
    {
        var post = await Site.CreateTrophyAsync("Upsert", TrophySpecs.Tiny("db-upsert").ToJsonString());
        var database = NewDatabase();

        await database.WriteAsync(post, PostMetaKeys.Progress, "one", CancellationToken.None);
        await database.WriteAsync(post, PostMetaKeys.Progress, "one", CancellationToken.None);
        await database.WriteAsync(post, PostMetaKeys.Progress, "two", CancellationToken.None);
        await Site.ExecuteAsync($"INSERT INTO {WordPressSite.TablePrefix}postmeta (post_id, meta_key, meta_value) VALUES (@p, '_k2_build_error', 'a'), (@p, '_k2_build_error', 'b')", ("p", post));
        await database.WriteAsync(post, PostMetaKeys.Error, "c", CancellationToken.None);

        var meta = await Site.MetaAsync(post);
        Assert.Equal(["two"], meta.Rows[PostMetaKeys.Progress]);
        Assert.Equal(["c", "c"], meta.Rows[PostMetaKeys.Error]);
    }

    [Fact]
    public async Task ShouldMoveStatusOnlyFromTheExpectedValueAndJob()
    {
        var post = await Site.CreateTrophyAsync("Moves", TrophySpecs.Tiny("db-moves").ToJsonString());
        var database = NewDatabase();
        await database.WriteAsync(post, PostMetaKeys.Status, BuildStatus.Running, CancellationToken.None);
        await database.WriteAsync(post, PostMetaKeys.Job, "job-a", CancellationToken.None);

        var otherJob = await database.TryMoveAsync(post, "job-b", BuildStatus.InProgress, BuildStatus.Completed, CancellationToken.None);
        var otherStatus = await database.TryMoveAsync(post, "job-a", [BuildStatus.Queued], BuildStatus.Running, CancellationToken.None);
        var expected = await database.TryMoveAsync(post, "job-a", BuildStatus.InProgress, BuildStatus.Completed, CancellationToken.None);

        Assert.Equal((false, false, true), (otherJob, otherStatus, expected));
        Assert.Equal("completed", (await Site.MetaAsync(post)).Status);
    }

    [Fact]
    public async Task ShouldWriteValuesWithTheMoveAndRefuseALaterWriteOfAPollerThatSawTheBuildRunning()
    {
        var post = await Site.CreateTrophyAsync("Ended", TrophySpecs.Tiny("db-ended").ToJsonString());
        var finisher = NewDatabase();
        var latecomer = NewDatabase();
        await finisher.WriteAsync(post, PostMetaKeys.Status, BuildStatus.Running, CancellationToken.None);
        await finisher.WriteAsync(post, PostMetaKeys.Job, "job-e", CancellationToken.None);

        var ended = await finisher.TryUpdateAsync(
            post, "job-e", BuildStatus.Claimed, BuildStatus.Completed, [new(PostMetaKeys.Progress, "final")], CancellationToken.None);
        var stale = await latecomer.TryUpdateAsync(
            post, "job-e", BuildStatus.Claimed, to: null, [new(PostMetaKeys.Progress, "older")], CancellationToken.None);
        var otherJob = await latecomer.TryUpdateAsync(
            post, "job-x", [BuildStatus.Completed], to: null, [new(PostMetaKeys.Progress, "other job")], CancellationToken.None);

        Assert.Equal((true, false, false), (ended, stale, otherJob));
        var meta = await Site.MetaAsync(post);
        Assert.Equal("completed", meta.Status);
        Assert.Equal(["final"], meta.Rows[PostMetaKeys.Progress]);
    }

    [Fact]
    public async Task ShouldLetOnlyOneOfTwoSimultaneousEndsWriteItsValuesTwentyTimesOver()
    {
        var post = await Site.CreateTrophyAsync("Racing ends", TrophySpecs.Tiny("db-race").ToJsonString());
        var databases = new[] { NewDatabase(), NewDatabase() };
        await databases[0].WriteAsync(post, PostMetaKeys.Job, "job-r", CancellationToken.None);

        for (var round = 0; round < 20; round++)
        {
            await databases[0].WriteAsync(post, PostMetaKeys.Status, BuildStatus.Running, CancellationToken.None);
            using var start = new Barrier(2);
            var wins = await Task.WhenAll(databases.Select((db, i) => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await db.TryUpdateAsync(
                    post, "job-r", BuildStatus.Claimed, BuildStatus.Completed, [new(PostMetaKeys.Progress, $"poller {i}")], CancellationToken.None);
            })));

            Assert.Equal(1, wins.Count(won => won));
            var winner = Array.IndexOf(wins, true);
            Assert.Equal([$"poller {winner}"], (await Site.MetaAsync(post)).Rows[PostMetaKeys.Progress]);
        }
    }

    [Fact]
    public async Task ShouldListOnlyWatchedStatusesOfThePostType()
    {
        var trophy = await Site.CreateTrophyAsync("Listed", TrophySpecs.Tiny("db-listed").ToJsonString());
        var done = await Site.CreateTrophyAsync("Done", TrophySpecs.Tiny("db-done").ToJsonString());
        var database = NewDatabase();
        await database.WriteAsync(trophy, PostMetaKeys.Status, BuildStatus.CancelRequested, CancellationToken.None);
        await database.WriteAsync(trophy, PostMetaKeys.Job, "job-listed", CancellationToken.None);
        await database.WriteAsync(done, PostMetaKeys.Status, BuildStatus.Completed, CancellationToken.None);

        var flags = await database.FindFlaggedAsync(CancellationToken.None);

        Assert.Contains(new BuildFlag(trophy, BuildStatus.CancelRequested, "job-listed"), flags);
        Assert.DoesNotContain(flags, f => f.PostId == done);
    }
}
