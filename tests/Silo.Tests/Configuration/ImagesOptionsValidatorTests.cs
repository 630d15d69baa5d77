using K2Orleans.Silo.Images;

namespace K2Orleans.Silo.Tests.Configuration;

public sealed class ImagesOptionsValidatorTests
{
    [Theory]
    [InlineData(nameof(ImagesOptions.Endpoint), "localhost:8090")]
    [InlineData(nameof(ImagesOptions.Endpoint), "127.0.0.1")]
    [InlineData(nameof(ImagesOptions.Endpoint), "127.0.0.1:70000")]
    [InlineData(nameof(ImagesOptions.Token), "short")]
    [InlineData(nameof(ImagesOptions.Token), "a token with spaces in it")]
    [InlineData(nameof(ImagesOptions.PermitsPerSecond), "0")]
    [InlineData(nameof(ImagesOptions.Burst), "0")]
    [InlineData(nameof(ImagesOptions.MaxPendingRenders), "0")]
    [InlineData(nameof(ImagesOptions.MaxBodyBytes), "10")]
    [InlineData(nameof(ImagesOptions.MaxAgeSeconds), "-1")]
    [InlineData(nameof(ImagesOptions.RetryAfterSeconds), "0")]
    public void ShouldRefuseABadValueNamingItsKey(string key, string value)
    {
        var options = new ImagesOptions();
        var property = typeof(ImagesOptions).GetProperty(key)!;
        property.SetValue(options, Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new ImagesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith($"Images:{key} ", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAcceptTheDefaultsAnIPv6EndpointAndALongToken()
    {
        var validator = new ImagesOptionsValidator();

        Assert.True(validator.Validate(null, new ImagesOptions()).Succeeded);
        Assert.True(validator.Validate(null, new ImagesOptions { Endpoint = "[::1]:8090", Token = new string('k', 32) }).Succeeded);
    }

    [Fact]
    public void ShouldNotCheckASwitchedOffEndpoint() =>
        Assert.True(new ImagesOptionsValidator().Validate(null, new ImagesOptions { Enabled = false, Endpoint = "nonsense" }).Succeeded);
}
