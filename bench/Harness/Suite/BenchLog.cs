using System.Globalization;

namespace K2Orleans.Bench.Harness.Suite;

/// <summary>The run's progress lines, "[bench HH:MM:SS] ...", on the error stream as bench/run.sh wrote them.</summary>
internal sealed class BenchLog(TextWriter error)
{
    public void Say(string message) => error.WriteLine($"[bench {DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

    public TextWriter Error => error;
}
