namespace K2Orleans.Grains.OnRequest;

/// <summary>What an image request comes to: a current file to send, or why there is none.</summary>
/// <param name="File">The file to send, read whole (when <see cref="Kind"/> is Ready); its fingerprint is the ETag.</param>
/// <param name="Message">Why the image could not be made (when Failed).</param>
public sealed record ImageLookup(ImageLookupKind Kind, ImageFile? File = null, OutputFormat Format = OutputFormat.Png, string? Message = null)
{
    public static ImageLookup NotFound { get; } = new(ImageLookupKind.NotFound);

    public static ImageLookup Busy { get; } = new(ImageLookupKind.Busy);
}
