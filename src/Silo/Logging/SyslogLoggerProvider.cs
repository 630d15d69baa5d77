using System.Collections.Concurrent;
using System.Text.Unicode;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Logging;

/// <summary>
/// Writes log records to the local syslog daemon's Unix datagram socket (RFC 3164 or 5424).
/// Callers only format and enqueue; one writer task sends. Records are dropped and counted,
/// never waited for, when the queue is full or syslog is unavailable, and logging never throws.
/// </summary>
public sealed class SyslogLoggerProvider : ILoggerProvider
{
    private const int QueueCapacity = 10_000;

    // rsyslog's default maximum message size is 8096 bytes; longer records are cut here, where
    // the cut can keep whole characters and mark itself.
    private const int MaxDatagramBytes = 8000;
    private const string CutMarker = "...";

    // Shutdown waits this long for queued records; a stuck syslog daemon must not hold it up.
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(2);

    // FullMode.Wait only so that TryWrite reports a full queue (and the drop is counted);
    // nothing ever waits on it.
    private readonly Channel<string> queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ConcurrentDictionary<string, SyslogLogger> loggers = new(StringComparer.Ordinal);
    private readonly SyslogMessageFormatter formatter;
    private readonly SyslogSocketSender sender;
    private readonly Task writer;
    private long dropped;
    private long droppedReported;
    private int disposed;
    private volatile bool abandoned;

    public SyslogLoggerProvider(LoggingOptions options)
        : this(options, Console.Error, Environment.MachineName)
    {
    }

    internal SyslogLoggerProvider(LoggingOptions options, TextWriter notices, string hostName)
    {
        var validation = new LoggingOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(LoggingOptions.SectionName, typeof(LoggingOptions), validation.Failures);
        }

        SyslogNames.TryParseFacility(options.Facility, out var facility);
        SyslogNames.TryParseFormat(options.Format, out var format);
        formatter = new SyslogMessageFormatter(facility, format, options.AppName, hostName, Environment.ProcessId);
        sender = new SyslogSocketSender(options.SyslogSocket, notices);
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Records dropped so far because the queue was full or syslog could not be reached.</summary>
    public long DroppedCount => Interlocked.Read(ref dropped);

    public ILogger CreateLogger(string categoryName) =>
        loggers.GetOrAdd(categoryName, static (name, provider) => new SyslogLogger(name, provider), this);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        queue.Writer.TryComplete();

        // A writer stuck on a syslog daemon that does not read drops the rest of the queue
        // after its current send instead of holding up shutdown.
        if (!writer.Wait(FlushTimeout))
        {
            abandoned = true;
        }
    }

    internal void Enqueue<TState>(LogLevel level, string category, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        string text;
        try
        {
            text = this.formatter.Format(level, category, eventId, formatter(state, exception), exception, DateTimeOffset.Now);
        }
        catch (Exception)
        {
            // A message template or a ToString() that throws costs that one record, never the caller.
            Interlocked.Increment(ref dropped);
            return;
        }

        if (!queue.Writer.TryWrite(text))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[MaxDatagramBytes];
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var text))
                {
                    if (abandoned)
                    {
                        return;
                    }

                    ReportDrops(buffer);
                    if (!sender.TrySend(Encode(text, buffer)))
                    {
                        Interlocked.Increment(ref dropped);
                    }
                }
            }
        }
        finally
        {
            sender.Dispose();
        }
    }

    // Tells syslog itself how many records it missed, once it can be reached again.
    private void ReportDrops(byte[] buffer)
    {
        var dropped = Interlocked.Read(ref this.dropped);
        if (dropped == droppedReported)
        {
            return;
        }

        var notice = formatter.Format(
            LogLevel.Warning,
            typeof(SyslogLoggerProvider).FullName!,
            default,
            $"{dropped - droppedReported} log records were dropped (log queue full or syslog socket unavailable).",
            exception: null,
            DateTimeOffset.Now);
        if (sender.TrySend(Encode(notice, buffer)))
        {
            droppedReported = dropped;
        }
    }

    private static ReadOnlySpan<byte> Encode(string text, byte[] buffer)
    {
        var status = Utf8.FromUtf16(text, buffer, out _, out var written);
        if (status != System.Buffers.OperationStatus.DestinationTooSmall)
        {
            return buffer.AsSpan(0, written);
        }

        // Encode again into a shorter span so the cut falls on a character boundary.
        Utf8.FromUtf16(text, buffer.AsSpan(0, MaxDatagramBytes - CutMarker.Length), out _, out written);
        for (var i = 0; i < CutMarker.Length; i++)
        {
            buffer[written + i] = (byte)CutMarker[i];
        }

        return buffer.AsSpan(0, written + CutMarker.Length);
    }
}
