namespace K2Orleans.SampleGenerator.Parts;

internal enum BaseStyle
{
    /// <summary>One rectangular block.</summary>
    Block,

    /// <summary>A narrower block standing on a wide plinth.</summary>
    Stepped,
}
