using K2Orleans.Silo.Configuration;

namespace K2Orleans.Silo.Tests.Configuration;

public sealed class K2DashboardOptionsValidatorTests
{
    [Fact]
    public void ShouldNameTheKeyOfEveryBadValue() => Assert.Equal(
        ["Dashboard:Host must be an IP address or localhost, is 'dashboard.example'", "Dashboard:Port must be 1..65535, is 0"],
        Problems(new K2DashboardOptions { Host = "dashboard.example", Port = 0 }));

    [Fact]
    public void ShouldNotCheckADisabledDashboard() => Assert.Empty(Problems(new K2DashboardOptions { Enabled = false, Port = 0 }));

    private static IEnumerable<string> Problems(K2DashboardOptions options) => new K2DashboardOptionsValidator().Validate(null, options).Failures ?? [];
}
