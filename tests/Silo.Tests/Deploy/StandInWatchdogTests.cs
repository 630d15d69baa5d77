namespace K2Orleans.Silo.Tests.Deploy;

/// <summary>The watchdog tests against the Perl stand-in, which can hang and ignore SIGTERM on request.</summary>
public sealed class StandInWatchdogTests() : WatchdogTests(realDaemon: false);
