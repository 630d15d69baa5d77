namespace K2Orleans.SampleGenerator.Parts;

internal enum TopperStyle
{
    /// <summary>Two-handled loving cup.</summary>
    Cup,

    /// <summary>Lidded urn with a finial.</summary>
    Urn,

    /// <summary>Faceted five-pointed star on a stem.</summary>
    Star,

    /// <summary>Victory figure with raised arms.</summary>
    Figure,

    /// <summary>Ball held in a small cradle.</summary>
    Ball,

    /// <summary>Torch with a translucent flame.</summary>
    Torch,
}
