using System.Collections.Immutable;

namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>How and where each combination's image is written.</summary>
/// <param name="PathTemplate">Relative path with {slug}, {key}, {ext} and {&lt;slot id&gt;} placeholders.</param>
/// <param name="Effort">How hard the PNG encoder works for smaller files; the pixels do not depend on it.</param>
[GenerateSerializer, Immutable, Alias("k2.OutputSpec")]
public sealed record OutputSpec(OutputFormat Format, int Quality, string PathTemplate, ImmutableArray<SizeSpec> Sizes, OutputEffort Effort = OutputEffort.Default);
