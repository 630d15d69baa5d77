namespace K2Orleans.Bench.Harness.Suite;

/// <summary>Everything bench/results.md shows about one run; <see cref="ResultsMarkdown"/> writes it.</summary>
internal sealed record SuiteReport
{
    public required string Mode { get; init; }

    public required DateTime WrittenUtc { get; init; }

    public required int Cores { get; init; }

    public required string CpuModel { get; init; }

    public required string LoadBefore { get; init; }

    public required string Revision { get; init; }

    public required long Total { get; init; }

    public required int Every { get; init; }

    public required string PeerSetting { get; init; }

    public required string Work { get; init; }

    /// <summary>baseline, netvips, loop, k2 and k2pair.</summary>
    public required IReadOnlyDictionary<string, Measurement> Paths { get; init; }

    /// <summary>The pixel check of every path but the baseline, as the table's last column shows it.</summary>
    public required IReadOnlyDictionary<string, string> Checks { get; init; }

    /// <summary>The 2 silos' CPU seconds from <c>k2 submit</c> to the end of <c>k2 watch</c>.</summary>
    public required double PairJobCpuSeconds { get; init; }

    public IReadOnlyList<Measurement> ScaleRows { get; init; } = [];

    public IReadOnlyList<OverheadRow> OverheadRows { get; init; } = [];

    /// <summary>The results file from its history marker on, kept below the table; "" if none.</summary>
    public string History { get; init; } = "";

    public int SlotsPerSilo => Math.Max(Cores / 2, 1);
}
