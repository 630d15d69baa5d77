namespace K2Orleans.Silo.Tests.Support;

/// <summary>
/// A system user in the role of k2orleans for the deploy tests that play the service user against
/// root: created on first use (the tests run as root in CI) and kept for later runs.
/// </summary>
public static class ServiceUser
{
    public const string Name = "k2orleans-test";

    private static readonly Lazy<string> Created = new(Create);

    /// <summary>The user's name, once it exists.</summary>
    public static string Ensure() => Created.Value;

    /// <summary>Runs a command as the service user.</summary>
    public static ProcessResult Run(params string[] command) =>
        ProcessRunner.Run("runuser", ["-u", Ensure(), "--", .. command]);

    /// <summary>Gives a path to the service user, as install.sh and the units do with its folders.</summary>
    public static void Own(string path) =>
        Assert.Equal(0, ProcessRunner.Run("chown", [$"{Ensure()}:", path]).ExitCode);

    private static string Create()
    {
        Assert.True(Environment.UserName == "root", "these tests play root against the service user: run them as root");
        // Another test process may be adding the user at the same moment and hold the passwd lock.
        WaitFor.Condition(
            $"the user {Name} to exist",
            () => Exists() || (ProcessRunner.Run("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", Name]).ExitCode == 0 && Exists()));
        return Name;
    }

    private static bool Exists() => ProcessRunner.Run("getent", ["passwd", Name]).ExitCode == 0;
}
