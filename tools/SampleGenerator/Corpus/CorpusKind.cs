namespace K2Orleans.SampleGenerator.Corpus;

/// <summary>The kinds of picture content a corpus part is drawn as; each stresses a PNG encoder differently.</summary>
internal enum CorpusKind
{
    /// <summary>Photographic texture: fractal noise with strong per-pixel grain, nothing repeats.</summary>
    Photo,

    /// <summary>Flat vector art: large uniform areas with one-pixel anti-aliased edges.</summary>
    Vector,

    /// <summary>Smooth gradients and cylindrical metal shading, no grain.</summary>
    Gradient,

    /// <summary>Soft semi-transparent shadows and glows: mostly partial alpha.</summary>
    Glow,
}
