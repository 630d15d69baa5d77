using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

/// <summary>
/// <c>k2 submit</c> hands the spec to the cluster, whose silos read the layers: the real program, watched by
/// <see cref="StartupHook"/>, shows which assemblies it loaded.
/// </summary>
public sealed class SubmitCommandTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task ShouldCheckTheSpecWithoutLoadingImageMagickWhileValidateLoadsIt()
    {
        var spec = SampleSpec.Write("classic-cup", temp.Path, 60, 96);

        var (submit, submitLoaded) = await RunWatchedAsync("submit", spec, "--out", Path.Combine(temp.Path, "out"));
        var (validate, validateLoaded) = await RunWatchedAsync("validate", spec);

        // No cluster runs on the port given: submit got past its spec check and stopped at the connection.
        Assert.True(submit.Process.ExitCode == ExitCodes.Unreachable, submit.StandardError);
        Assert.StartsWith("cannot reach the K2Orleans cluster (127.0.0.1:", submit.StandardError, StringComparison.Ordinal);
        Assert.Contains("K2Orleans.Grains", submitLoaded);
        Assert.DoesNotContain(submitLoaded, name => name.StartsWith("Magick.NET", StringComparison.Ordinal));
        Assert.True(validate.Process.ExitCode == ExitCodes.Success, validate.StandardError);
        Assert.Contains(validateLoaded, name => name.StartsWith("Magick.NET", StringComparison.Ordinal));
    }

    private async Task<(K2Process Run, string[] Loaded)> RunWatchedAsync(params string[] args)
    {
        var list = Path.Combine(temp.Path, $"loaded-by-{args[0]}.txt");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
            [StartupHook.ListVariable] = list,
            ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var run = await K2Process.RunAsync(temp.Path, environment, Timeout, args);
        Assert.True(File.Exists(list), $"k2 {args[0]} did not run the startup hook: {run.StandardError}");
        return (run, await File.ReadAllLinesAsync(list));
    }
}
