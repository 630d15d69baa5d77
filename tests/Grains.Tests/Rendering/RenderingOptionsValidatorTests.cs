using K2Orleans.Grains.Rendering;

namespace K2Orleans.Grains.Tests.Rendering;

public sealed class RenderingOptionsValidatorTests
{
    [Fact]
    public void ShouldNameEveryBadKeyInTheOrderOfTheSection()
    {
        var options = new RenderingOptions
        {
            MaxConcurrentRenders = 0,
            ThreadsPerRender = 65,
            OutputRoot = " ",
            LayerCacheMegabytes = 0,
            MaxLayerPixels = 0,
            MagickMemoryMegabytes = 15,
            MaxLayerFileBytes = -1,
            OutputRoots = ["out"],
        };

        Assert.Equal(
            [
                "Rendering:MaxConcurrentRenders must be 1..1024, is 0",
                "Rendering:ThreadsPerRender must be 1..64, is 65",
                "Rendering:OutputRoot must be a folder path",
                "Rendering:LayerCacheMegabytes must be 1..1048576, is 0",
                "Rendering:MaxLayerPixels must be positive, is 0",
                "Rendering:MagickMemoryMegabytes must be at least 16, is 15",
                "Rendering:MaxLayerFileBytes must be positive, is -1",
                "Rendering:OutputRoots:0 must be an absolute folder path, is 'out'",
            ],
            new RenderingOptionsValidator().Validate(null, options).Failures ?? []);
    }
}
