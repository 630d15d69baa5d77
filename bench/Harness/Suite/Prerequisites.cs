namespace K2Orleans.Bench.Harness.Suite;

/// <summary>The system programs the run needs; missing ones are installed with apt-get (as root).</summary>
internal static class Prerequisites
{
    public static void Install(BenchLog log)
    {
        var missing = new List<string>();
        if (!File.Exists(SuitePaths.Convert))
        {
            missing.Add("imagemagick-6.q16");
        }

        if (!File.Exists(SuitePaths.GnuTime))
        {
            missing.Add("time");
        }

        if (!File.Exists("/usr/bin/xargs"))
        {
            missing.Add("findutils");
        }

        if (missing.Count == 0)
        {
            return;
        }

        log.Say($"installing {string.Join(' ', missing)}");
        if (!Command.Capture("apt-get", ["install", "-y", "--no-install-recommends", .. missing], TimeSpan.FromMinutes(20)).Succeeded)
        {
            throw new BenchException($"cannot install {string.Join(' ', missing)} (run as root or install them)");
        }
    }
}
