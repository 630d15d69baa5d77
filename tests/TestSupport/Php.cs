using Xunit;

namespace K2Orleans.TestSupport;

/// <summary>Runs the real php-cli, as the PHP pages that use the bridge do.</summary>
public static class Php
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(30);

    public sealed record Result(int ExitCode, string Output, string Errors);

    // Lazy rather than static initializers, so a missing php fails each test with its own clear message.
    private static readonly Lazy<string> Executable = new(() => FindOnPath("php"));
    private static readonly Lazy<string> Clients = new(FindClientFolder);

    /// <summary>The repository's clients/php folder.</summary>
    public static string ClientFolder => Clients.Value;

    /// <summary>The test driver: php k2-ask.php &lt;K2Status.php&gt; &lt;host or socket&gt; &lt;port&gt; &lt;timeout s&gt; &lt;ping|status|job&gt; [job id].</summary>
    public static string AskScript => Path.Combine(AppContext.BaseDirectory, "php", "k2-ask.php");

    /// <summary>The php-cli executable on PATH.</summary>
    public static string Program => Executable.Value;

    public static async Task<Result> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        try
        {
            var result = await ProcessRunner.RunAsync(Program, arguments, environment, RunTimeout);
            return new Result(result.ExitCode, result.Stdout, result.Stderr);
        }
        catch (TimeoutException e)
        {
            Assert.Fail(e.Message);
            throw;
        }
    }

    private static string FindOnPath(string name)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "php is not on PATH: the PHP client tests need php-cli (e.g. apt-get install -y php-cli)");
    }

    private static string FindClientFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "K2Orleans.sln")))
            {
                return Path.Combine(folder.FullName, "clients", "php");
            }
        }

        throw new InvalidOperationException($"no K2Orleans.sln above {AppContext.BaseDirectory}");
    }
}
