namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>The watchdog tests against the real k2orleans-silo from the build output.</summary>
public sealed class SiloWatchdogTests() : WatchdogTests(realDaemon: true);
