using K2Orleans.Silo.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Tests.Logging;

public sealed class AddK2LoggingTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly DatagramReceiver syslog;

    public AddK2LoggingTests()
    {
        syslog = new DatagramReceiver(folder.File("log.sock"));
    }

    public void Dispose()
    {
        syslog.Dispose();
        folder.Dispose();
    }

    [Fact]
    public void ShouldLeaveOutDebugRecordsAndFrameworkInformationWithoutTheDebugFlag()
    {
        using var services = BuildServices(debug: false);
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var own = loggers.CreateLogger("K2Orleans.Grains.Jobs");
        var orleans = loggers.CreateLogger("Orleans.Runtime.Silo");

        own.Log(LogLevel.Debug, "own debug");
        own.Log(LogLevel.Information, "own information");
        orleans.Log(LogLevel.Information, "orleans information");
        orleans.Log(LogLevel.Warning, "orleans warning");

        // Records arrive in the order they were logged, so a skipped one would show up here.
        Assert.EndsWith("own information", syslog.Receive(), StringComparison.Ordinal);
        Assert.EndsWith("orleans warning", syslog.Receive(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldLetDebugRecordsAndFrameworkInformationThroughWithTheDebugFlag()
    {
        // "LogLevel:Default" as in the appsettings templates must not silence the Debug flag.
        using var services = BuildServices(debug: true, ("Logging:LogLevel:Default", "Information"));
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var own = loggers.CreateLogger("K2Orleans.Grains.Jobs");
        var orleans = loggers.CreateLogger("Orleans.Runtime.Silo");
        var microsoft = loggers.CreateLogger("Microsoft.Hosting.Lifetime");

        own.Log(LogLevel.Trace, "own trace");
        own.Log(LogLevel.Debug, "own debug");
        orleans.Log(LogLevel.Debug, "orleans debug");
        orleans.Log(LogLevel.Information, "orleans information");
        microsoft.Log(LogLevel.Information, "microsoft information");

        Assert.EndsWith("own debug", syslog.Receive(), StringComparison.Ordinal);
        Assert.EndsWith("orleans information", syslog.Receive(), StringComparison.Ordinal);
        Assert.EndsWith("microsoft information", syslog.Receive(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ShouldDropTheOrleansWatchdogsWarningsButNotItsErrors(bool debug)
    {
        using var services = BuildServices(debug);
        var watchdog = services.GetRequiredService<ILoggerFactory>().CreateLogger("Orleans.Runtime.Watchdog");

        watchdog.Log(LogLevel.Warning, "Participant check thread has not completed for 00:11:59.1234567");
        watchdog.Log(LogLevel.Error, "watchdog error");

        Assert.EndsWith("watchdog error", syslog.Receive(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldStillHonourASingleCategoryLevelFromConfiguration()
    {
        using var services = BuildServices(debug: false, ("Logging:LogLevel:Orleans.Runtime.Membership", "Information"));
        var loggers = services.GetRequiredService<ILoggerFactory>();

        loggers.CreateLogger("Orleans.Runtime.Silo").Log(LogLevel.Information, "silo information");
        loggers.CreateLogger("Orleans.Runtime.Membership.Oracle").Log(LogLevel.Information, "membership information");

        Assert.EndsWith("membership information", syslog.Receive(), StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldAddNoSyslogProviderWhenSyslogIsOff()
    {
        var configuration = Configuration(("Logging:Syslog", "false"), ("Logging:SyslogSocket", syslog.Path));
        using var services = new ServiceCollection().AddLogging(builder => builder.AddK2Logging(configuration)).BuildServiceProvider();

        Assert.DoesNotContain(services.GetServices<ILoggerProvider>(), provider => provider is SyslogLoggerProvider);
    }

    [Theory]
    [InlineData("Logging:Facility", "local9")]
    [InlineData("Logging:Format", "rfc9999")]
    [InlineData("Logging:AppName", "k2 orleans")]
    [InlineData("Logging:SyslogSocket", "dev/log")]
    public void ShouldRefuseABadValueNamingItsKey(string key, string value)
    {
        var configuration = Configuration((key, value));

        var error = Assert.Throws<OptionsValidationException>(
            () => new ServiceCollection().AddLogging(builder => builder.AddK2Logging(configuration)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheKeyOfAValueThatIsNotABoolean()
    {
        var configuration = Configuration(("Logging:Debug", "sometimes"));

        var error = Assert.ThrowsAny<Exception>(
            () => new ServiceCollection().AddLogging(builder => builder.AddK2Logging(configuration)));

        Assert.Contains("Logging:Debug", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, true)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    public void ShouldWriteToTheConsoleUnlessSyslogCarriesTheRecordsAndNobodyWatches(bool syslog, bool terminal, bool console)
    {
        Assert.Equal(console, K2LoggingExtensions.WantsConsole(new LoggingOptions { Syslog = syslog }, terminal));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("0f1e2d", null, true)]
    [InlineData(null, "8:12345", true)]
    public void ShouldRecogniseSystemdByItsEnvironment(string? invocationId, string? journalStream, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["INVOCATION_ID"] = invocationId, ["JOURNAL_STREAM"] = journalStream };

        Assert.Equal(expected, K2LoggingExtensions.IsUnderSystemd(name => environment.GetValueOrDefault(name)));
    }

    private ServiceProvider BuildServices(bool debug, params (string Key, string Value)[] more)
    {
        var configuration = Configuration(
            [("Logging:Syslog", "true"), ("Logging:SyslogSocket", syslog.Path), ("Logging:Debug", debug ? "true" : "false"), .. more]);
        return new ServiceCollection()
            .AddLogging(builder =>
            {
                // What Host.CreateApplicationBuilder does before the silo's own registration.
                builder.AddConfiguration(configuration.GetSection("Logging"));
                builder.AddK2Logging(configuration);
            })
            .BuildServiceProvider();
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
