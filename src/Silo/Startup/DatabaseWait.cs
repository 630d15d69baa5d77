using System.Diagnostics;
using MySqlConnector;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Startup;

/// <summary>
/// Waits for a MySQL database at start-up: a server that is down or unreachable is tried again with a growing pause
/// until the timeout; an answer that no wait can change (wrong credentials, unknown database) ends the wait at once.
/// </summary>
public sealed partial class DatabaseWait(TimeSpan timeout, ILogger logger)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestAttempt = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Null once the database answers; otherwise the problem, in words that follow the key's name, and whether it is
    /// permanent (a setting is wrong) rather than the database still not answering at the timeout.
    /// </summary>
    public async Task<(string Text, bool Permanent)?> WaitAsync(string key, string connectionString, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var pause = FirstPause;
        for (var attempt = 1; ; attempt++)
        {
            var remaining = timeout - clock.Elapsed;
            var problem = await TryOnceAsync(connectionString, remaining < LongestAttempt ? remaining : LongestAttempt, cancellationToken);
            if (problem is null)
            {
                if (attempt > 1)
                {
                    LogReachable(logger, key, attempt, clock.Elapsed.TotalSeconds);
                }

                return null;
            }

            if (problem.Value.Permanent)
            {
                return problem;
            }

            remaining = timeout - clock.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                return ($"names a database that did not answer within Cluster:StartupTimeout ({timeout}): {problem.Value.Text}", false);
            }

            pause = pause < remaining ? pause : remaining;
            LogWaiting(logger, key, problem.Value.Text, attempt, pause.TotalSeconds, remaining.TotalSeconds);
            await Task.Delay(pause, cancellationToken);
            pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
        }
    }

    private static async Task<(string Text, bool Permanent)?> TryOnceAsync(string connectionString, TimeSpan limit, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString)
        {
            // A connection of its own: the pool of the providers that start next never holds a probe's socket.
            Pooling = false,
            ConnectionTimeout = (uint)Math.Max(1, Math.Ceiling(limit.TotalSeconds)),
        };
        try
        {
            await using var connection = new MySqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.AccessDenied or MySqlErrorCode.DatabaseAccessDenied)
        {
            return ($"is refused by the server at {builder.Server}:{builder.Port} (wrong user or password, or no rights on '{builder.Database}'): {e.Message}", true);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.UnknownDatabase)
        {
            return ($"names database '{builder.Database}', which the server at {builder.Server}:{builder.Port} does not have: {e.Message}", true);
        }
        catch (Exception e) when (e is MySqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            var cause = e.InnerException is { } inner ? $"{e.Message.TrimEnd('.')} ({inner.Message})" : e.Message.TrimEnd('.');
            return ($"the server at {builder.Server}:{builder.Port} is down or unreachable: {cause}", false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Key}: {Problem}; attempt {Attempt}, trying again in {PauseSeconds:0.#} s (giving up in {RemainingSeconds:0} s, Cluster:StartupTimeout)")]
    private static partial void LogWaiting(ILogger logger, string key, string problem, int attempt, double pauseSeconds, double remainingSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Key}: the database answers (attempt {Attempt}, after {Seconds:0.#} s)")]
    private static partial void LogReachable(ILogger logger, string key, int attempt, double seconds);
}
