using Microsoft.Extensions.Logging;

namespace K2Orleans.Silo.Logging;

/// <summary>One category's logger; the provider does the queueing and sending.</summary>
internal sealed class SyslogLogger : ILogger
{
    private readonly string _category;
    private readonly SyslogLoggerProvider _provider;

    public SyslogLogger(string category, SyslogLoggerProvider provider)
    {
        _category = category;
        _provider = provider;
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

        _provider.Enqueue(logLevel, _category, eventId, state, exception, formatter);
    }
}
