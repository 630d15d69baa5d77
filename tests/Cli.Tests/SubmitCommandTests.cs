using System.Text;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests;

/// <summary>
/// <c>k2 submit</c> hands the spec to the cluster, whose silos read the layers, so the real program checks it without
/// ImageMagick. The runtime's own loader trace (EventPipe, written when the process exits) shows what it loaded.
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

        var (submit, submitTrace) = await RunTracedAsync("submit", spec, "--out", Path.Combine(temp.Path, "out"));
        var (validate, validateTrace) = await RunTracedAsync("validate", spec);

        // No cluster listens on the port given: submit got past its spec check and stopped at the connection.
        Assert.True(submit.Process.ExitCode == ExitCodes.Unreachable, submit.StandardError);
        Assert.StartsWith("cannot reach the K2Orleans cluster (127.0.0.1:", submit.StandardError, StringComparison.Ordinal);
        Assert.True(Loaded(submitTrace, "K2Orleans.Grains"), "the trace names no assembly: it cannot show what was not loaded");
        Assert.False(Loaded(submitTrace, "Magick.NET"), "k2 submit loaded Magick.NET");
        Assert.True(validate.Process.ExitCode == ExitCodes.Success, validate.StandardError);
        Assert.True(Loaded(validateTrace, "Magick.NET"), "k2 validate decodes the layers, so the trace should name Magick.NET");
    }

    private async Task<(K2Process Run, byte[] Trace)> RunTracedAsync(params string[] args)
    {
        var trace = Path.Combine(temp.Path, $"{args[0]}.nettrace");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_EnableEventPipe"] = "1",
            ["DOTNET_EventPipeOutputPath"] = trace,
            ["DOTNET_EventPipeConfig"] = "Microsoft-Windows-DotNETRuntime:0x8:4",   // the Loader keyword: one event per assembly
            ["K2__Cluster__GatewayPort"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var run = await K2Process.RunAsync(temp.Path, environment, Timeout, args);
        return (run, await File.ReadAllBytesAsync(trace));
    }

    /// <summary>Whether a load event names an assembly starting with <paramref name="name"/>: the trace stores names as UTF-16.</summary>
    private static bool Loaded(byte[] trace, string name) => trace.AsSpan().IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;
}
