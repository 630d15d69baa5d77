using K2Orleans.Grains.Jobs;

namespace K2Orleans.Grains.Tests.Jobs;

public sealed class JobOptionsValidatorTests
{
    [Fact]
    public void ShouldAcceptTheDefaults() => Assert.True(new JobOptionsValidator().Validate(null, new JobOptions()).Succeeded);

    [Fact]
    public void ShouldNameEveryKeyOutOfRange()
    {
        var options = new JobOptions { TickInterval = TimeSpan.FromMilliseconds(10), LivenessInterval = TimeSpan.FromHours(1), BatchesPerRenderSlot = 65 };

        Assert.Equal(
            ["Jobs:TickInterval must be 00:00:00.05..00:01:00, is 00:00:00.0100000", "Jobs:LivenessInterval must be 00:00:00.1..00:10:00, is 01:00:00", "Jobs:BatchesPerRenderSlot must be 1..64, is 65"],
            new JobOptionsValidator().Validate(null, options).Failures ?? []);
    }
}
