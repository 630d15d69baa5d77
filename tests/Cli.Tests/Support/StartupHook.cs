#pragma warning disable IDE0130 // The runtime finds a startup hook by this exact name in no namespace.

/// <summary>
/// Loaded into a <c>k2</c> process through <c>DOTNET_STARTUP_HOOKS</c>: when the process exits, it writes the names of
/// the assemblies it loaded to the file named by <see cref="ListVariable"/>, so a test can see what a command pulled in.
/// </summary>
internal static class StartupHook
{
    public const string ListVariable = "K2_TEST_LOADED_ASSEMBLIES";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(ListVariable) is { Length: > 0 } file)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                File.WriteAllLines(file, AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name ?? "?"));
        }
    }
}
