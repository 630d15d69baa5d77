using K2Orleans.Grains.WordPress;
using K2Orleans.WordPress.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace K2Orleans.WordPress.Tests.WordPressOptionsTests;

public sealed class TheValidateMethod
{
    private static WordPressOptions Enabled() => new() { Enabled = true, ConnectionString = "Server=db;Database=wordpress;User ID=k2;Password=secret" };

    [Fact]
    public void ShouldAcceptTheDefaultsWhileDisabled() => Assert.Empty(new WordPressOptions().Validate());

    [Fact]
    public void ShouldAcceptAWorkingEnabledConfiguration() => Assert.Empty(Enabled().Validate());

    [Theory]
    [InlineData("", "WordPress:ConnectionString is required when WordPress:Enabled is true")]
    [InlineData("Server=db;User ID=k2", "WordPress:ConnectionString names no database (Database=...)")]
    [InlineData("Server=db;Database=wp;Frobnicate=yes", "WordPress:ConnectionString is not a MySQL connection string")]
    public void ShouldNameABadConnectionString(string connectionString, string expected)
    {
        var options = Enabled();
        options.ConnectionString = connectionString;

        Assert.StartsWith(expected, Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNotRepeatThePasswordOfABadConnectionString()
    {
        var options = Enabled();
        options.ConnectionString = "Server=db;Database=wp;Password=hunter2;Frobnicate=yes";

        Assert.DoesNotContain("hunter2", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wp_`; DROP TABLE x; --")]
    [InlineData("wp-")]
    [InlineData("")]
    [InlineData("wp prefix")]
    public void ShouldRefuseATablePrefixThatIsNoIdentifier(string prefix)
    {
        var options = Enabled();
        options.TablePrefix = prefix;

        Assert.StartsWith("WordPress:TablePrefix must match ^[A-Za-z0-9_]+$", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("K2_Trophy")]
    [InlineData("a_post_type_far_too_long")]
    [InlineData("")]
    public void ShouldRefuseAPostTypeWordPressCouldNotHave(string postType)
    {
        var options = Enabled();
        options.PostType = postType;

        Assert.StartsWith("WordPress:PostType must be", Assert.Single(options.Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameEveryIntervalOutOfRange()
    {
        var options = Enabled();
        options.PollInterval = TimeSpan.Zero;
        options.ProgressInterval = TimeSpan.FromDays(1);
        options.ClaimTimeout = TimeSpan.FromMilliseconds(10);

        var problems = options.Validate().ToList();

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("WordPress:PollInterval must be", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("WordPress:ProgressInterval must be", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("WordPress:ClaimTimeout must be", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopSiloConfigurationWithTheKeyOfABadValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WordPress:Enabled"] = "true",
            ["WordPress:TablePrefix"] = "wp_; --",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => new SiloBuilderStub().AddK2WordPress(configuration));

        Assert.Contains("WordPress:ConnectionString is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("WordPress:TablePrefix must match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStopSiloConfigurationOnAnUnknownKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WordPress:PollIntervall"] = "00:00:05",
        }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => new SiloBuilderStub().AddK2WordPress(configuration));

        Assert.Contains("PollIntervall", error.Message, StringComparison.Ordinal);
    }
}
