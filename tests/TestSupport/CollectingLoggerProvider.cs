using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace K2Orleans.TestSupport;

/// <summary>Keeps every log record of the processes' loggers it is added to, so a test can count what was logged.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Entries { get; } = new();

    /// <summary>The messages logged in <paramref name="category"/>, in order.</summary>
    public IReadOnlyList<string> Messages(string category) => [.. Entries.Where(e => e.Category == category).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
