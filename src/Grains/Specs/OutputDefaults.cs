
namespace K2Orleans.Grains.Specs;

/// <summary>What an <c>output</c> section means when it leaves a field out.</summary>
public static class OutputDefaults
{
    public const string PathTemplate = "{slug}/{key}.{ext}";

    /// <summary>75 for PNG is ImageMagick's own default (zlib 7, adaptive filter); 85 is a common web default for lossy formats.</summary>
    public static int Quality(OutputFormat format) => format == OutputFormat.Png ? 75 : 85;

    public static string Extension(OutputFormat format) => format switch
    {
        OutputFormat.Jpg => "jpg",
        OutputFormat.Webp => "webp",
        _ => "png",
    };

    public static bool IsValidSuffix(string suffix) =>
        suffix.Length is >= 1 and <= 32 && suffix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
