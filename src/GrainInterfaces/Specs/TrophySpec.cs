using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>A validated trophy: an ordered stack of slots, bottom layer first (contracts.md §1).</summary>
/// <param name="AssetRoot">Absolute folder every option image resolves inside.</param>
/// <param name="Schedule">A 5-field cron expression for scheduled rebuilds (<c>k2 schedule</c>); null when none.</param>
[GenerateSerializer, Immutable, Alias("k2.TrophySpec")]
public sealed record TrophySpec(
    string Slug,
    string Name,
    CanvasSpec Canvas,
    string AssetRoot,
    ImmutableArray<SlotSpec> Slots,
    OutputSpec Output,
    string? Schedule = null);
