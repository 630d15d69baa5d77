namespace K2Orleans.Bench.Harness.Suite;

/// <summary>
/// <c>k2-bench run [--quick|--full] [--no-build]</c>. Quick mode has the slow baseline render every 5th combination
/// and checks 12 images; full renders all of them, checks 60 and adds the scale and overhead sections.
/// <c>--no-build</c> is bench/run.sh's (it builds before it runs this) and is accepted here.
/// </summary>
internal sealed record SuiteOptions(bool Full)
{
    public const string Usage = "usage: bench/run.sh [--quick|--full] [--no-build]";

    public string Mode => Full ? "full" : "quick";

    public int Every => Full ? 1 : 5;

    public int Samples => Full ? 60 : 12;

    public static SuiteOptions? Parse(IEnumerable<string> args)
    {
        var full = false;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--quick": full = false; break;
                case "--full": full = true; break;
                case "--no-build": break;
                default: return null;
            }
        }

        return new SuiteOptions(full);
    }
}
