using K2Orleans.Grains.Jobs;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Grains.Batches;

/// <summary>
/// Sends a batch's report to its job, trying again while the job may be moving to another silo. A report that never
/// arrives is logged and left: the job's liveness check finds the batch idle and sends it again.
/// </summary>
public sealed partial class BatchReportSender(IGrainFactory grains, ILogger logger)
{
    private const int Tries = 6;

    /// <param name="stopped">The batch was stopped (its silo shuts down, or its job was cancelled): one try, since the job sends the batch again anyway or has ended.</param>
    public async Task SendAsync(string jobId, BatchReport report, bool stopped)
    {
        var job = grains.GetGrain<ITrophyJobGrain>(JobKeys.Job(jobId));
        for (var tries = 1; ; tries++)
        {
            try
            {
                await job.ReportBatchAsync(report);
                return;
            }
            catch (Exception e) when (tries < Tries && !stopped)
            {
                LogReportRetry(logger, e, jobId, report.BatchIndex, tries);
                await Task.Delay(TimeSpan.FromSeconds(tries));
            }
            catch (Exception e)
            {
                LogReportLost(logger, e, jobId, report.BatchIndex);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Batch {JobId}/{BatchIndex} report failed (try {Try}), retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, string jobId, int batchIndex, int @try);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {JobId}/{BatchIndex} report lost; the job will run the batch again")]
    private static partial void LogReportLost(ILogger logger, Exception exception, string jobId, int batchIndex);
}
