using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.Grains.Specs;
using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.BuildErrorsTests;

public sealed class TheTexts
{
    [Fact]
    public void ShouldListEverySpecProblemOnItsOwnLine() =>
        Assert.Equal(
            "The spec was refused (2 problems):\n$.slug: is required\n$.canvas.width: 0 is out of range 1..8192",
            BuildErrors.SpecRefused([new SpecProblem("$.slug", "is required"), new SpecProblem("$.canvas.width", "0 is out of range 1..8192")]));

    [Fact]
    public void ShouldCountProblemsBeyondTheLimitInsteadOfListingThem()
    {
        var problems = Enumerable.Range(0, BuildErrors.MaxLines + 7).Select(i => new SpecProblem($"$.slots[{i}]", "unknown field")).ToList();

        var lines = BuildErrors.SpecRefused(problems).Split('\n');

        Assert.Equal(BuildErrors.MaxLines + 2, lines.Length);
        Assert.Equal("... and 7 more", lines[^1]);
    }

    [Fact]
    public void ShouldNameTheJobAndItsFailedImages()
    {
        var text = BuildErrors.JobEnded(Some.Job(JobState.Completed, failed: 2, errors: 2));

        Assert.Equal("Job cup-20261128T211000Z finished, but 2 images could not be rendered.\nkey-0: layer 0 unreadable\nkey-1: layer 1 unreadable", text);
    }

    [Fact]
    public void ShouldSayAFailedJobFailed() =>
        Assert.StartsWith("Job cup-20261128T211000Z failed: 1 image could not be rendered.", BuildErrors.JobEnded(Some.Job(JobState.Failed, failed: 1)), StringComparison.Ordinal);
}
