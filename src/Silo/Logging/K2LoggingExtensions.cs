using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Silo.Logging;

public static class K2LoggingExtensions
{
    internal const string WatchdogCategory = "Orleans.Runtime.Watchdog";

    /// <summary>
    /// Replaces the host's log providers with the project's: syslog when <c>Logging:Syslog</c>
    /// is on, and the console (journal format under systemd) unless syslog already carries the
    /// records and nobody watches stderr. <c>Logging:Debug</c> lowers the level from Information
    /// to Debug and lets Microsoft.* and Orleans.* through from Information instead of Warning;
    /// Polly (Orleans' retries) stays one level quieter still. <c>Logging:LogLevel:&lt;category&gt;</c> entries
    /// still tune single categories.
    /// </summary>
    /// <exception cref="OptionsValidationException">A Logging key has a bad value; the message names it.</exception>
    public static ILoggingBuilder AddK2Logging(this ILoggingBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(LoggingOptions.SectionName);
        var options = section.Get<LoggingOptions>() ?? new LoggingOptions();
        var validator = new LoggingOptionsValidator();
        var validation = validator.Validate(null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(LoggingOptions.SectionName, typeof(LoggingOptions), validation.Failures);
        }

        builder.Services.AddOptions<LoggingOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoggingOptions>>(validator));

        builder.ClearProviders();
        var level = options.Debug ? LogLevel.Debug : LogLevel.Information;
        var frameworkLevel = options.Debug ? LogLevel.Information : LogLevel.Warning;
        builder.SetMinimumLevel(level);

        // A rule, not only the minimum level: appsettings templates carry "LogLevel:Default",
        // which would otherwise silently override the Debug flag.
        builder.AddFilter((string?)null, level);
        builder.AddFilter("Microsoft", frameworkLevel);
        builder.AddFilter("Orleans", frameworkLevel);

        // Polly here only runs Orleans' own placement retries: with the debug flag it logs every attempt, and its
        // warnings repeat what Orleans logs about the same failure, so it is one level quieter than Orleans.
        builder.AddFilter("Polly", options.Debug ? LogLevel.Warning : LogLevel.Error);

        // Orleans 10.4.2's watchdog starts its platform thread before it sets the component check's timestamp, so
        // the first check often measures from 0, the machine's boot: every start warned "Participant check thread
        // has not completed for <uptime>". Its real findings (runtime and component stalls) are recorded as health
        // events that LocalSiloHealthMonitor logs in its own category when they degrade the silo, so only its
        // errors are let through here.
        builder.AddFilter(WatchdogCategory, LogLevel.Error);

        if (options.Syslog)
        {
            builder.Services.AddSingleton<ILoggerProvider>(_ => new SyslogLoggerProvider(options));
        }

        if (WantsConsole(options, stderrIsTerminal: !Console.IsErrorRedirected))
        {
            // stderr, so that stdout stays free for command output (k2 submit prints the job id there).
            builder.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            if (IsUnderSystemd(Environment.GetEnvironmentVariable))
            {
                builder.AddSystemdConsole();
            }
            else
            {
                builder.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
                });
            }
        }

        return builder;
    }

    // With syslog on, a console nobody watches would only duplicate it: under systemd the
    // journal also owns /dev/log, and under the init script stderr goes to a crash-output file.
    internal static bool WantsConsole(LoggingOptions options, bool stderrIsTerminal) =>
        !options.Syslog || stderrIsTerminal;

    // systemd sets INVOCATION_ID for every unit it runs and JOURNAL_STREAM when stdout or
    // stderr is connected to the journal.
    internal static bool IsUnderSystemd(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("INVOCATION_ID")) || !string.IsNullOrEmpty(environment("JOURNAL_STREAM"));
}
