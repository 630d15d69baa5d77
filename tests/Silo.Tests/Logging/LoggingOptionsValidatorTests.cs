using K2Orleans.Silo.Logging;

namespace K2Orleans.Silo.Tests.Logging;

public sealed class LoggingOptionsValidatorTests
{
    private readonly LoggingOptionsValidator validator = new();

    [Fact]
    public void ShouldAcceptTheDefaults()
    {
        Assert.True(validator.Validate(null, new LoggingOptions()).Succeeded);
    }

    [Theory]
    [InlineData("LOCAL7")]
    [InlineData("user")]
    [InlineData(" daemon ")]
    public void ShouldAcceptFacilityNamesInAnyCase(string facility)
    {
        Assert.True(validator.Validate(null, new LoggingOptions { Facility = facility }).Succeeded);
    }

    [Fact]
    public void ShouldListEveryProblem()
    {
        var options = new LoggingOptions { Facility = "", Format = "json", AppName = "", SyslogSocket = "" };

        var result = validator.Validate(null, options);

        Assert.Equal(
            ["Logging:Facility", "Logging:Format", "Logging:AppName", "Logging:SyslogSocket"],
            result.Failures!.Select(failure => failure[..failure.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void ShouldRefuseASocketPathTooLongForAUnixAddress()
    {
        var result = validator.Validate(null, new LoggingOptions { SyslogSocket = "/" + new string('s', 120) });

        Assert.Contains("Logging:SyslogSocket", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
