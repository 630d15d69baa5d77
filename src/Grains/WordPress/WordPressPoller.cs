using K2Orleans.Grains.Jobs;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.WordPress;

/// <summary>
/// One poll of the WordPress database: claims new requests, starts their jobs, and moves claimed builds on as their
/// jobs progress. It keeps no state that matters: everything it needs to pick up after a crash is in postmeta, so a
/// poller on another silo carries on where this one stopped. A bad post fails alone; the others go on.
/// </summary>
public sealed partial class WordPressPoller(
    WordPressDatabase database,
    WordPressSpecReader specs,
    IGrainFactory grains,
    WordPressOptions options,
    string outputRoot,
    TimeProvider time,
    ILogger<WordPressPoller> logger)
{
    /// <summary>WordPress's <c>post_status</c> of a published post; only those are built (drafts and private posts are not for the site yet).</summary>
    private const string PublishedStatus = "publish";

    private readonly Dictionary<long, DateTimeOffset> progressWrittenAt = [];
    private readonly Dictionary<long, DateTimeOffset> waitingSince = [];

    private DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Returns how many builds are still under way, so the caller can poll faster while there are some.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken)
    {
        var flags = await database.FindFlaggedAsync(cancellationToken);
        var underWay = 0;
        foreach (var flag in flags)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                underWay += await HandleAsync(flag, cancellationToken) ? 1 : 0;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The post keeps its flags and is looked at again on the next poll.
                LogPostFailed(logger, e, flag.PostId, flag.Status);
                underWay++;
            }
        }

        var present = flags.Select(f => f.PostId).ToHashSet();
        foreach (var gone in progressWrittenAt.Keys.Concat(waitingSince.Keys).Where(id => !present.Contains(id)).ToList())
        {
            progressWrittenAt.Remove(gone);
            waitingSince.Remove(gone);
        }

        return underWay;
    }

    private async Task<bool> HandleAsync(BuildFlag flag, CancellationToken cancellationToken)
    {
        if (BuildStatus.IsRequest(flag.Status))
        {
            return await ClaimAsync(flag, cancellationToken);
        }

        var job = flag.JobId.Length == 0 ? null : await Job(flag.JobId).GetStatusAsync();
        return await AdvanceAsync(flag, job, cancellationToken);
    }

    private async Task<bool> ClaimAsync(BuildFlag flag, CancellationToken cancellationToken)
    {
        var post = flag.PostId;
        if (!await database.TryClaimAsync(post, flag.Status, cancellationToken))
        {
            LogClaimLost(logger, post);
            return false;
        }

        // Checked after the claim, not in the query that found the flag: the claim takes the request out of the
        // watched set either way (a refused draft must not be found again on every poll), and the post's status is
        // read as it is now, not as it was when the poll began.
        var postStatus = await database.ReadPostStatusAsync(post, cancellationToken);
        if (postStatus != PublishedStatus)
        {
            LogNotPublished(logger, post, postStatus ?? "(gone)");
            return await RefuseAsync(post, BuildErrors.NotPublished(postStatus), cancellationToken);
        }

        var spec = specs.Read(await database.ReadAsync(post, PostMetaKeys.Spec, cancellationToken));
        if (!spec.IsValid)
        {
            LogSpecRefused(logger, post, spec.Problems.Count);
            return await RefuseAsync(post, BuildErrors.SpecRefused(spec.Problems), cancellationToken);
        }

        if (await database.FindSlugOwnerAsync(post, spec.Spec!.Slug, cancellationToken) is { } owner)
        {
            LogSlugTaken(logger, post, spec.Spec.Slug, owner.PostId);
            return await RefuseAsync(post, BuildErrors.SlugTaken(spec.Spec.Slug, owner.PostId, owner.Title), cancellationToken);
        }

        var force = flag.Status == BuildStatus.ForceRequested;
        JobSnapshot job;
        try
        {
            job = await grains.GetGrain<IJobIndexGrain>(IJobIndexGrain.Key).StartOrGetAsync(new JobRequest(spec.Spec!, outputRoot, force));
        }
        catch (RequestRefusedException e)
        {
            // The silo's own checks (allowed folders, its limits) said no: asking again would get the same answer.
            LogSpecRefused(logger, post, 1);
            return await RefuseAsync(post, e.Message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Handed back as the editor left it and claimed again later; should the start have happened after all,
            // the index returns that unfinished job instead of starting a second one.
            LogStartFailed(logger, e, post);
            await database.TryMoveAsync(post, "", [BuildStatus.Queued], flag.Status, cancellationToken);
            return true;
        }

        await database.WriteAsync(post, PostMetaKeys.Job, job.Id, cancellationToken);
        LogJobStarted(logger, post, job.Id, spec.Spec!.Slug, force);
        return await AdvanceAsync(new BuildFlag(post, BuildStatus.Queued, job.Id), job, cancellationToken);
    }

    private async Task<bool> AdvanceAsync(BuildFlag flag, JobSnapshot? job, CancellationToken cancellationToken)
    {
        var post = flag.PostId;
        var step = BuildTransitions.Decide(flag.Status, flag.JobId, job);
        if (step is not (BuildStep.AwaitJob or BuildStep.CancelUnstarted))
        {
            waitingSince.Remove(post);
        }

        switch (step)
        {
            case BuildStep.MarkRunning:
                await database.TryUpdateAsync(post, flag.JobId, [BuildStatus.Queued], BuildStatus.Running, [Progress(post, job!)], cancellationToken);
                return true;
            case BuildStep.Refresh:
                if (ProgressDue(post))
                {
                    await database.TryUpdateAsync(post, flag.JobId, BuildStatus.Claimed, to: null, [Progress(post, job!)], cancellationToken);
                }

                return true;
            case BuildStep.Cancel:
                LogCancelling(logger, post, flag.JobId);
                await FinishAsync(flag, await Job(flag.JobId).CancelAsync() ?? job!, cancellationToken);
                return false;
            case BuildStep.Finish:
                await FinishAsync(flag, job!, cancellationToken);
                return false;
            case BuildStep.FailLostJob:
                LogJobLost(logger, post, flag.JobId);
                await database.TryUpdateAsync(
                    post, flag.JobId, BuildStatus.Claimed, BuildStatus.Failed, [Error($"Job {flag.JobId} is not known to the cluster any more (its state was lost); build again.")], cancellationToken);
                return false;
            default:
                return await RecoverUnstartedAsync(flag, step, cancellationToken);
        }
    }

    /// <summary>Ends a claimed request failed with <paramref name="reason"/>; nothing was started, so nothing is under way.</summary>
    private async Task<bool> RefuseAsync(long post, string reason, CancellationToken cancellationToken)
    {
        await database.TryUpdateAsync(post, "", [BuildStatus.Queued, BuildStatus.CancelRequested], BuildStatus.Failed, [Error(reason)], cancellationToken);
        return false;
    }

    /// <summary>
    /// A claimed post without a job is normally another poller between its claim and its start; only when that lasts
    /// longer than <see cref="WordPressOptions.ClaimTimeout"/> did that poller die, and the request is taken back.
    /// </summary>
    private async Task<bool> RecoverUnstartedAsync(BuildFlag flag, BuildStep step, CancellationToken cancellationToken)
    {
        var post = flag.PostId;
        if (!waitingSince.TryGetValue(post, out var since))
        {
            waitingSince[post] = Now;
            return true;
        }

        if (Now - since < options.ClaimTimeout)
        {
            return true;
        }

        waitingSince.Remove(post);
        if (step == BuildStep.CancelUnstarted)
        {
            await database.TryMoveAsync(post, "", [BuildStatus.CancelRequested], BuildStatus.Cancelled, cancellationToken);
            return false;
        }

        // Whether it was a forced request is lost with the poller that claimed it; a plain build is the safe guess.
        LogRequeued(logger, post, options.ClaimTimeout);
        await database.TryMoveAsync(post, "", BuildStatus.InProgress, BuildStatus.Requested, cancellationToken);
        return true;
    }

    /// <summary>
    /// The job's counts and the post's end in one guarded write: a poller that saw the job earlier, still running,
    /// finds the post ended and writes nothing.
    /// </summary>
    private async Task FinishAsync(BuildFlag flag, JobSnapshot job, CancellationToken cancellationToken)
    {
        var post = flag.PostId;
        List<KeyValuePair<string, string>> values = [Progress(post, job)];
        if (job.Failed > 0)
        {
            values.Add(Error(BuildErrors.JobEnded(job)));
        }

        var end = BuildStatus.EndOf(job.Status);
        if (await database.TryUpdateAsync(post, flag.JobId, BuildStatus.Claimed, end, values, cancellationToken))
        {
            LogFinished(logger, post, job.Id, end, job.Done, job.Skipped, job.Failed, job.Total);
        }

        progressWrittenAt.Remove(post);
    }

    private bool ProgressDue(long post) =>
        !progressWrittenAt.TryGetValue(post, out var last) || Now - last >= options.ProgressInterval;

    private KeyValuePair<string, string> Progress(long post, JobSnapshot job)
    {
        var now = Now;
        progressWrittenAt[post] = now;
        return new(PostMetaKeys.Progress, BuildProgress.Format(job, now));
    }

    private static KeyValuePair<string, string> Error(string message) => new(PostMetaKeys.Error, message);

    private ITrophyJobGrain Job(string jobId) => grains.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId));
}
