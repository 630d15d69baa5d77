using System.Text.RegularExpressions;
using K2Orleans.Grains.Jobs;
using K2Orleans.StatusBridge.Protocol;

namespace K2Orleans.StatusBridge.Tests.JobIdShapeTests;

public sealed class TheIsMatchMethod
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 21, 10, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("classic-cup")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("grand-prix-2026")]
    [InlineData("abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz-012345678")]
    public void ShouldAcceptEveryIdTheGrainsHandOut(string slug)
    {
        Assert.Equal(63, "abcdefghijklmnopqrstuvwxyz-abcdefghijklmnopqrstuvwxyz-012345678".Length);
        var id = JobKeys.NewJobId(slug, Start);

        Assert.True(JobIdShape.IsMatch(id), id);
        Assert.True(JobIdShape.IsMatch($"{id}-2"), $"{id}-2");
        Assert.True(JobIdShape.IsMatch($"{id}-{int.MaxValue}"), $"{id}-{int.MaxValue}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("classic-cup")]
    [InlineData("Classic-Cup-20261128T211000Z")]
    [InlineData("classic-cup-20261128T211000z")]
    [InlineData("classic-cup-20261128T211000")]
    [InlineData("classic-cup-20261128211000Z")]
    [InlineData("-classic-cup-20261128T211000Z")]
    [InlineData("classic_cup-20261128T211000Z")]
    [InlineData("classic.cup-20261128T211000Z")]
    [InlineData("../classic-cup-20261128T211000Z")]
    [InlineData("classic-cup-2026112８T211000Z")]
    [InlineData("classic-cup-20261128T211000Z-")]
    [InlineData("classic-cup-20261128T211000Z-12345678901")]
    [InlineData(" classic-cup-20261128T211000Z")]
    [InlineData("classic-cup-20261128T211000Z\r")]
    [InlineData("\nclassic-cup-20261128T211000Z")]
    public void ShouldRefuseAnythingElse(string id) => Assert.False(JobIdShape.IsMatch(id), id);

    [Fact]
    public void ShouldRefuseASlugLongerThanTheSpecAllows() =>
        Assert.False(JobIdShape.IsMatch(JobKeys.NewJobId(new string('a', 64), Start)));

    [Fact]
    public void ShouldRefuseAnIdEndingInANewline()
    {
        var id = JobKeys.NewJobId("classic-cup", Start) + "\n";

        // The attack: with ^ and $, .NET (and PCRE) match before a final "\n", so the id passes the very same pattern.
        Assert.Matches(new Regex(@"^[a-z0-9][a-z0-9-]{0,62}-[0-9]{8}T[0-9]{6}Z(?:-[0-9]{1,10})?$"), id);

        Assert.False(JobIdShape.IsMatch(id));
    }
}
