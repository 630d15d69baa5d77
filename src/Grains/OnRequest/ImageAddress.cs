namespace K2Orleans.Grains.OnRequest;

/// <summary>One output file of a trophy: a combination and, for an extra size, its suffix ("" for the main image).</summary>
/// <param name="MainPath">Absolute path of the combination's main image; a render writes it and every size.</param>
/// <param name="Path">Absolute path of the file asked for.</param>
public sealed record ImageAddress(long Index, string Key, string Suffix, string MainPath, string Path);
