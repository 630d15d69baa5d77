using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.BuildTransitionsTests;

public sealed class TheDecideMethod
{
    private const string JobId = "cup-20261128T211000Z";

    [Theory]
    [InlineData("queued", JobState.Running, BuildStep.MarkRunning)]
    [InlineData("queued", JobState.Paused, BuildStep.MarkRunning)]
    [InlineData("running", JobState.Running, BuildStep.Refresh)]
    [InlineData("running", JobState.Paused, BuildStep.Refresh)]
    [InlineData("cancel_requested", JobState.Running, BuildStep.Cancel)]
    [InlineData("cancel_requested", JobState.Queued, BuildStep.Cancel)]
    public void ShouldFollowAnUnfinishedJob(string status, JobState job, BuildStep expected) =>
        Assert.Equal(expected, BuildTransitions.Decide(status, JobId, Some.Job(job)));

    [Theory]
    [InlineData("queued", JobState.Completed)]
    [InlineData("running", JobState.Failed)]
    [InlineData("running", JobState.Cancelled)]
    [InlineData("cancel_requested", JobState.Completed)]
    public void ShouldFinishWhateverTheJobEndedWith(string status, JobState job) =>
        Assert.Equal(BuildStep.Finish, BuildTransitions.Decide(status, JobId, Some.Job(job)));

    [Theory]
    [InlineData("queued")]
    [InlineData("running")]
    [InlineData("cancel_requested")]
    public void ShouldFailAPostWhoseJobTheClusterDoesNotKnow(string status) =>
        Assert.Equal(BuildStep.FailLostJob, BuildTransitions.Decide(status, JobId, null));

    [Theory]
    [InlineData("queued", BuildStep.AwaitJob)]
    [InlineData("running", BuildStep.AwaitJob)]
    [InlineData("cancel_requested", BuildStep.CancelUnstarted)]
    public void ShouldWaitForAJobNotStartedYet(string status, BuildStep expected) =>
        Assert.Equal(expected, BuildTransitions.Decide(status, "", null));

    [Theory]
    [InlineData("requested")]
    [InlineData("force_requested")]
    [InlineData("completed")]
    [InlineData("")]
    [InlineData("RUNNING")]
    public void ShouldRefuseStatusesOfNoClaimedBuild(string status) =>
        Assert.Throws<ArgumentException>(() => BuildTransitions.Decide(status, JobId, Some.Job()));

    [Theory]
    [InlineData(JobState.Completed, "completed")]
    [InlineData(JobState.Failed, "failed")]
    [InlineData(JobState.Cancelled, "cancelled")]
    public void ShouldGiveEachEndItsStatus(JobState job, string status) => Assert.Equal(status, BuildStatus.EndOf(job));

    [Fact]
    public void ShouldHaveNoEndForAnUnfinishedJob() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BuildStatus.EndOf(JobState.Running));
}
