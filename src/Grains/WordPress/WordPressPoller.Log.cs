using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.WordPress;

public sealed partial class WordPressPoller
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId} ({Status}) could not be handled; it is tried again on the next poll")]
    private static partial void LogPostFailed(ILogger logger, Exception exception, long postId, string status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WordPress post {PostId}: another poller claimed the request first")]
    private static partial void LogClaimLost(ILogger logger, long postId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId}: spec refused with {Problems} problems; the build failed")]
    private static partial void LogSpecRefused(ILogger logger, long postId, int problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId}: build refused, the post is {PostStatus}; only published trophies are built")]
    private static partial void LogNotPublished(ILogger logger, long postId, string postStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId}: build refused, slug {Trophy} belongs to post {OwnerPostId}")]
    private static partial void LogSlugTaken(ILogger logger, long postId, string trophy, long ownerPostId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId}: the job could not be started; the request is handed back and tried again")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, long postId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WordPress post {PostId}: job {JobId} for {Trophy} (force: {Force})")]
    private static partial void LogJobStarted(ILogger logger, long postId, string jobId, string trophy, bool force);

    [LoggerMessage(Level = LogLevel.Information, Message = "WordPress post {PostId}: cancelling job {JobId} as the editor asked")]
    private static partial void LogCancelling(ILogger logger, long postId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId}: job {JobId} is unknown to the cluster; the build failed")]
    private static partial void LogJobLost(ILogger logger, long postId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WordPress post {PostId}: claimed but not started for {Timeout}; requested again")]
    private static partial void LogRequeued(ILogger logger, long postId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "WordPress post {PostId}: job {JobId} {Status}: rendered {Done}, skipped {Skipped}, failed {Failed} of {Total}")]
    private static partial void LogFinished(ILogger logger, long postId, string jobId, string status, long done, long skipped, long failed, long total);
}
