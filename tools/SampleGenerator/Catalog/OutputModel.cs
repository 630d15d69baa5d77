namespace K2Orleans.SampleGenerator.Catalog;

/// <summary>The <c>output</c> object of a spec; <paramref name="Sizes"/> is omitted when null.</summary>
internal sealed record OutputModel(string Format, int Quality, string Path, IReadOnlyList<SizeModel>? Sizes = null)
{
    public static OutputModel Png(params SizeModel[] sizes) =>
        new("png", 75, "{slug}/{key}.{ext}", sizes.Length == 0 ? null : sizes);
}
