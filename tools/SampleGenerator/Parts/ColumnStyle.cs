namespace K2Orleans.SampleGenerator.Parts;

internal enum ColumnStyle
{
    Plain,
    Fluted,
    Twisted,
    Tapered,
    Banded,
}
