using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace K2Orleans.WordPress.Tests.WordPressOptionsTests;

public sealed class TheValidateMethod
{
    private static WordPressOptions Enabled() => new() { Enabled = true, ConnectionString = "Server=db;Database=wordpress;User ID=k2;Password=secret" };

    private static List<string> Problems(WordPressOptions options) => [.. new WordPressOptionsValidator().Validate(null, options).Failures ?? []];

    /// <summary>The only problem of an enabled, working configuration after <paramref name="change"/>.</summary>
    private static string SingleProblem(Action<WordPressOptions> change)
    {
        var options = Enabled();
        change(options);
        return Assert.Single(Problems(options));
    }

    [Fact]
    public void ShouldAcceptTheDefaultsWhileDisabled() => Assert.Empty(Problems(new WordPressOptions()));

    [Fact]
    public void ShouldAcceptAWorkingEnabledConfiguration() => Assert.Empty(Problems(Enabled()));

    [Theory]
    [InlineData("", "WordPress:ConnectionString is required when WordPress:Enabled is true")]
    [InlineData("Server=db;User ID=k2", "WordPress:ConnectionString names no database (Database=...)")]
    [InlineData("Server=db;Database=wp;Frobnicate=yes", "WordPress:ConnectionString is not a MySQL connection string")]
    public void ShouldNameABadConnectionString(string connectionString, string expected) =>
        Assert.StartsWith(expected, SingleProblem(o => o.ConnectionString = connectionString), StringComparison.Ordinal);

    [Fact]
    public void ShouldNotRepeatThePasswordOfABadConnectionString() =>
        Assert.DoesNotContain("hunter2", SingleProblem(o => o.ConnectionString = "Server=db;Database=wp;Password=hunter2;Frobnicate=yes"), StringComparison.Ordinal);

    [Theory]
    [InlineData("wp_`; DROP TABLE x; --")]
    [InlineData("wp-")]
    [InlineData("")]
    [InlineData("wp prefix")]
    [InlineData("wp_\n")]
    [InlineData("\nwp_")]
    public void ShouldRefuseATablePrefixThatIsNoIdentifier(string prefix) =>
        Assert.StartsWith("WordPress:TablePrefix must be letters, digits and '_' only", SingleProblem(o => o.TablePrefix = prefix), StringComparison.Ordinal);

    [Fact]
    public void ShouldShowANewlineInTheTablePrefixInsteadOfPrintingIt() =>
        Assert.EndsWith("is \"wp_\\n\"", SingleProblem(o => o.TablePrefix = "wp_\n"), StringComparison.Ordinal);

    [Theory]
    [InlineData("K2_Trophy")]
    [InlineData("a_post_type_far_too_long")]
    [InlineData("")]
    [InlineData("k2_trophy\n")]
    public void ShouldRefuseAPostTypeWordPressCouldNotHave(string postType) =>
        Assert.StartsWith("WordPress:PostType must be", SingleProblem(o => o.PostType = postType), StringComparison.Ordinal);

    [Fact]
    public void ShouldDefaultTheCeilingsTo4096Squared4096PixelsAnd200000Combinations()
    {
        var options = new WordPressOptions();

        Assert.Equal((4096L * 4096, 200_000L), (options.MaxPixelsPerImage, options.MaxCombinations));
    }

    [Theory]
    [InlineData(0, 200_000, "WordPress:MaxPixelsPerImage must be 1..67108864")]
    [InlineData(8192L * 8192 + 1, 200_000, "WordPress:MaxPixelsPerImage must be 1..67108864")]
    [InlineData(4096 * 4096, 0, "WordPress:MaxCombinations must be positive, is 0")]
    public void ShouldNameACeilingOutOfRange(long pixels, long combinations, string expected)
    {
        var problem = SingleProblem(o => (o.MaxPixelsPerImage, o.MaxCombinations) = (pixels, combinations));

        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameEveryIntervalOutOfRange()
    {
        var options = Enabled();
        options.PollInterval = TimeSpan.Zero;
        options.ProgressInterval = TimeSpan.FromDays(1);
        options.ClaimTimeout = TimeSpan.FromMilliseconds(10);

        var problems = Problems(options);

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("WordPress:PollInterval must be", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("WordPress:ProgressInterval must be", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("WordPress:ClaimTimeout must be", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopSiloConfigurationWithTheKeyOfABadValue()
    {
        var error = RefusedAtSiloConfiguration(("WordPress:Enabled", "true"), ("WordPress:TablePrefix", "wp_; --"));

        Assert.Contains("WordPress:ConnectionString is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("WordPress:TablePrefix must be letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopSiloConfigurationOnATablePrefixEndingInANewline()
    {
        // As an environment variable or a YAML/JSON value with a stray line break would deliver it.
        var error = RefusedAtSiloConfiguration(
            ("WordPress:Enabled", "true"),
            ("WordPress:ConnectionString", "Server=db;Database=wordpress;User ID=k2;Password=secret"),
            ("WordPress:TablePrefix", "wp_\n"));

        Assert.Contains("WordPress:TablePrefix must be letters, digits and '_' only (it is part of table names), is \"wp_\\n\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopSiloConfigurationWithTheKeyOfABadCeiling()
    {
        var error = RefusedAtSiloConfiguration(("WordPress:MaxPixelsPerImage", "-1"), ("WordPress:MaxCombinations", "0"));

        Assert.Contains("WordPress:MaxPixelsPerImage must be", error.Message, StringComparison.Ordinal);
        Assert.Contains("WordPress:MaxCombinations must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopSiloConfigurationOnAnUnknownKey()
    {
        var error = RefusedAtSiloConfiguration(("WordPress:PollIntervall", "00:00:05"));

        Assert.Contains("PollIntervall", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What <c>AddK2WordPress</c> throws for these settings: the silo stops before it starts.</summary>
    private static OptionsValidationException RefusedAtSiloConfiguration(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return Assert.Throws<OptionsValidationException>(() => new SiloBuilderStub().AddK2WordPress(configuration));
    }
}
