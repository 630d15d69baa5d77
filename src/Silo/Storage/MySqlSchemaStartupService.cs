using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Storage;

/// <summary>
/// <c>Storage:InstallSchema=true</c>: runs the MySQL scripts before the silo starts, so the Orleans providers find
/// their tables and queries on first start. Registered ahead of the silo; hosted services start in order.
/// Several silos starting at once is safe: the scripts are idempotent.
/// </summary>
public sealed partial class MySqlSchemaStartupService(
    IReadOnlyList<string> connectionStrings, MySqlSchemaInstaller installer, ILogger<MySqlSchemaStartupService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var connectionString in connectionStrings)
        {
            try
            {
                await installer.InstallAsync(connectionString, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogInstallFailed(logger, e);
                throw;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "Storage:InstallSchema is on, but installing the MySQL schema failed; the silo does not start")]
    private static partial void LogInstallFailed(ILogger logger, Exception exception);
}
