namespace K2Orleans.GrainInterfaces.Specs;

/// <summary>Encoded output format; the file extension is the lower-case name.</summary>
[GenerateSerializer, Alias("k2.OutputFormat")]
public enum OutputFormat
{
    Png = 0,
    Jpg = 1,
    Webp = 2,
}
