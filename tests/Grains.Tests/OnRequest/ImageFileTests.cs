using K2Orleans.Grains.OnRequest;
using K2Orleans.Grains.Rendering.Output;
using K2Orleans.Grains.Rendering.Layers;

namespace K2Orleans.Grains.Tests.OnRequest;

/// <summary>
/// What a request sends: the file's bytes and the fingerprint stamped in those same bytes, for every output format, read
/// the way the batch's up-to-date check reads the stamp from the file's head (or, for WebP, its tail).
/// </summary>
public sealed class ImageFileTests : IDisposable
{
    private const string Fingerprint = "0123456789abcdef0123456789abcdef";
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(OutputFormat.Png)]
    [InlineData(OutputFormat.Jpg)]
    [InlineData(OutputFormat.Webp)]
    public void ShouldReadTheWholeFileWithTheFingerprintStampedInIt(OutputFormat format)
    {
        var path = temp.Combine("image");
        var stamped = FingerprintStamp.Embed(MagickCodec.Encode(new byte[16 * 8 * 4], 16, 8, format, 75, OutputEffort.Default), format, Fingerprint);
        File.WriteAllBytes(path, stamped);

        using var file = ImageFile.TryRead(path, format);

        Assert.NotNull(file);
        Assert.Equal(stamped, file.Content!.Value.ToArray());
        Assert.Equal(Fingerprint, file.Fingerprint);
        Assert.Equal(FingerprintStamp.Read(path, format), file.Fingerprint);
        Assert.Equal(new DateTimeOffset(File.GetLastWriteTimeUtc(path)), file.LastModified);
    }

    [Fact]
    public void ShouldFindNoFingerprintInAnUnstampedFileAndNoFileWhereNoneIs()
    {
        var path = temp.Combine("plain.png");
        File.WriteAllBytes(path, MagickCodec.Encode(new byte[16 * 8 * 4], 16, 8, OutputFormat.Png, 75, OutputEffort.Default));

        using var plain = ImageFile.TryRead(path, OutputFormat.Png);

        Assert.NotNull(plain);
        Assert.Null(plain.Fingerprint);
        Assert.Null(ImageFile.TryRead(temp.Combine("missing.png"), OutputFormat.Png));
        Assert.Null(ImageFile.TryRead(temp.Path, OutputFormat.Png));
    }

    [Fact]
    public void ShouldSendAFileOverTheLimitFromItsPathWithTheStampFromItsHead()
    {
        var path = temp.Combine("large.png");
        var stamped = FingerprintStamp.Embed(MagickCodec.Encode(new byte[16 * 8 * 4], 16, 8, OutputFormat.Png, 75, OutputEffort.Default), OutputFormat.Png, Fingerprint);
        using (var stream = File.Create(path))
        {
            stream.Write(stamped);
            stream.SetLength(ImageFile.MaxInMemoryBytes + 1);
        }

        using var file = ImageFile.TryRead(path, OutputFormat.Png);

        Assert.NotNull(file);
        Assert.Null(file.Content);
        Assert.Equal(ImageFile.MaxInMemoryBytes + 1, file.Length);
        Assert.Equal(Fingerprint, file.Fingerprint);
    }

    [Fact]
    public void ShouldReadAFileThroughTheHandleAsThroughAStream()
    {
        var path = temp.Combine("image.png");
        var stamped = FingerprintStamp.Embed(MagickCodec.Encode(new byte[16 * 8 * 4], 16, 8, OutputFormat.Png, 75, OutputEffort.Default), OutputFormat.Png, Fingerprint);
        File.WriteAllBytes(path, stamped);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 12, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567));

        using var handle = ImageFile.TryReadThroughHandle(path, OutputFormat.Png);
        using var stream = ImageFile.TryReadThroughStream(path, OutputFormat.Png);

        Assert.NotNull(handle);
        Assert.NotNull(stream);
        Assert.Equal(stamped, handle.Content!.Value.ToArray());
        Assert.Equal(stream.Content!.Value.ToArray(), handle.Content!.Value.ToArray());
        Assert.Equal((stream.Fingerprint, stream.LastModified, stream.Length), (handle.Fingerprint, handle.LastModified, handle.Length));
    }

    [Fact]
    public async Task ShouldFindNoImageInAFifoWithoutWaitingForAWriter()
    {
        var path = temp.Combine("planted.png");
        await TempFolder.MakeFifoAsync(path);

        var read = Task.Run(() => ImageFile.TryRead(path, OutputFormat.Png));

        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(20))));
        Assert.Null(await read);
    }
}
