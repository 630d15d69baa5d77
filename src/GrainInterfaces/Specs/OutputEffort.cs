namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>
/// How hard the encoder works for smaller files (<c>output.effort</c>); pixels are the same at every effort. Only PNG
/// output reads it: JPEG and WebP are encoded by ImageMagick at the spec's quality alone.
/// </summary>
[GenerateSerializer, Alias("k2.OutputEffort")]
public enum OutputEffort
{
    /// <summary>Small files at about the renderer's full speed.</summary>
    Default = 0,

    /// <summary>The quality's zlib effort as it is, no extra work: the fastest.</summary>
    Fast = 1,

    /// <summary>The smallest files the encoder can make, at whatever speed.</summary>
    Max = 2,
}
