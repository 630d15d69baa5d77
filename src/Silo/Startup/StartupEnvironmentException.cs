namespace K2Orleans.Silo.Startup;

/// <summary>Something outside the configuration kept the silo from starting (a database that never answered); a later start may succeed.</summary>
public sealed class StartupEnvironmentException(string message) : Exception(message);
