using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Logging;

/// <summary>One category's logger; the provider does the queueing and sending.</summary>
internal sealed class SyslogLogger : ILogger
{
    private readonly string category;
    private readonly SyslogLoggerProvider provider;

    public SyslogLogger(string category, SyslogLoggerProvider provider)
    {
        this.category = category;
        this.provider = provider;
    }

    // Scopes are not written: a syslog line has no room for them and records stay one line.
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        provider.Enqueue(logLevel, category, eventId, state, exception, formatter);
    }
}
