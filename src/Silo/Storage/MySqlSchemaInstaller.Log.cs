using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Storage;

public sealed partial class MySqlSchemaInstaller
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Running MySQL schema script {Script} in database {Database}")]
    private partial void LogRunningScript(string script, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Orleans schema in MySQL database {Database}: {Report}")]
    private partial void LogInstalled(string database, SchemaInstallReport report);
}
