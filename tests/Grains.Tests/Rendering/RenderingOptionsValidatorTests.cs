using K2Orleans.Grains.Rendering;

namespace K2Orleans.Grains.Tests.Rendering;

public sealed class RenderingOptionsValidatorTests
{
    private static readonly Dictionary<string, Action<RenderingOptions>> BadValues = new()
    {
        ["MaxConcurrentRenders"] = o => o.MaxConcurrentRenders = 0,
        ["ThreadsPerRender"] = o => o.ThreadsPerRender = 0,
        ["OutputRoot"] = o => o.OutputRoot = " ",
        ["MagickMemoryMegabytes"] = o => o.MagickMemoryMegabytes = 0,
        ["OutputRoots"] = o => o.OutputRoots.Add("out"),
    };

    [Theory]
    [InlineData("MaxConcurrentRenders", "Rendering:MaxConcurrentRenders must be 1..1024, is 0")]
    [InlineData("ThreadsPerRender", "Rendering:ThreadsPerRender must be 1..64, is 0")]
    [InlineData("OutputRoot", "Rendering:OutputRoot must be a folder path")]
    [InlineData("MagickMemoryMegabytes", "Rendering:MagickMemoryMegabytes must be at least 16, is 0")]
    [InlineData("OutputRoots", "Rendering:OutputRoots:0 must be an absolute folder path, is 'out'")]
    public void ShouldNameTheKeyOfABadValue(string key, string expected)
    {
        var options = new RenderingOptions();
        BadValues[key](options);

        Assert.Equal([expected], new RenderingOptionsValidator().Validate(null, options).Failures ?? []);
    }

}
