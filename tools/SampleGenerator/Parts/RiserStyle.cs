namespace K2Orleans.SampleGenerator.Parts;

internal enum RiserStyle
{
    /// <summary>A wide disc on a short neck.</summary>
    Collar,

    /// <summary>A flared cone, narrow at the bottom.</summary>
    Trumpet,

    /// <summary>A thick rounded ring.</summary>
    Ring,
}
