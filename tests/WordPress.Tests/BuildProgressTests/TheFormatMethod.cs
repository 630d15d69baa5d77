using System.Text.Json;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.BuildProgressTests;

public sealed class TheFormatMethod
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 22, 10, 5, 678, TimeSpan.FromHours(1));

    [Fact]
    public void ShouldWriteTheContractFieldsInOrder() =>
        Assert.Equal(
            """{"total":50,"done":20,"skipped":5,"failed":1,"eta_s":12.3,"updated_at":"2026-11-28T21:10:05Z"}""",
            BuildProgress.Format(Some.Job(failed: 1, eta: 12.34), Now));

    [Fact]
    public void ShouldWriteNullWhileTheEtaIsUnknown() =>
        Assert.Equal(JsonValueKind.Null, Parse(Some.Job(eta: null)).GetProperty("eta_s").ValueKind);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ShouldWriteNullForAnEtaThatIsNoNumber(double eta) =>
        Assert.Equal(JsonValueKind.Null, Parse(Some.Job(eta: eta)).GetProperty("eta_s").ValueKind);

    [Fact]
    public void ShouldWriteZeroOnceFinished() =>
        Assert.Equal(0, Parse(Some.Job(JobState.Completed, done: 45, eta: 0)).GetProperty("eta_s").GetDouble());

    private static JsonElement Parse(JobSnapshot job) => JsonDocument.Parse(BuildProgress.Format(job, Now)).RootElement;
}
