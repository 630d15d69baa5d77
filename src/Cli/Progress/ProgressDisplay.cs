using System.Diagnostics;
using System.Globalization;

namespace K2Orleans.Cli.Progress;

/// <summary>
/// Shows progress: a redrawn bar on a terminal, plain lines (at most one every few seconds) when output is piped,
/// so logs of unattended runs stay short.
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool isTerminal)
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private readonly Stopwatch sinceLastDraw = Stopwatch.StartNew();
    private readonly Lock drawLock = new();
    private bool drewBar;

    public void Report(long processed, long total, double? ratePerSecond, double? etaSeconds, bool force = false)
    {
        lock (drawLock)
        {
            if (!force && sinceLastDraw.Elapsed < (isTerminal ? TerminalInterval : PlainInterval))
            {
                return;
            }

            sinceLastDraw.Restart();
            var percent = total == 0 ? 100 : (int)(processed * 100 / total);
            var rate = ratePerSecond is { } r ? r.ToString("F1", CultureInfo.InvariantCulture) + " img/s" : "-";
            var eta = etaSeconds is { } e ? FormatSeconds(e) : "-";
            if (isTerminal)
            {
                const int Width = 30;
                var filled = total == 0 ? Width : (int)(processed * Width / total);
                output.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {percent,3}% {processed}/{total}  {rate}  ETA {eta}   ");
                drewBar = true;
            }
            else
            {
                output.WriteLine($"progress {processed}/{total} ({percent}%) rate {rate} eta {eta}");
            }
        }
    }

    /// <summary>Ends the bar's line so the summary starts on a fresh one.</summary>
    public void Finish()
    {
        lock (drawLock)
        {
            if (drewBar)
            {
                output.WriteLine();
                drewBar = false;
            }
        }
    }

    public static string FormatSeconds(double seconds) => seconds switch
    {
        < 60 => $"{seconds:F0}s",
        < 3600 => $"{(int)seconds / 60}m{(int)seconds % 60:D2}s",
        _ => $"{(int)seconds / 3600}h{(int)seconds % 3600 / 60:D2}m",
    };
}
