using System.Text;
using System.Text.RegularExpressions;
using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.GrainInterfaces.Status;
using K2Orleans.Grains.WordPress;
using K2Orleans.Silo.Configuration;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace K2Orleans.WordPress.Tests.DocsTests;

/// <summary>
/// docs/wordpress.md's "Quick start on Debian", taken literally as far as a test can: its configuration snippet binds
/// and validates as the daemon binds it, its paths are the ones Debian's wordpress package uses (read from the
/// package's own wp-config.php), the step's output root and asset copy agree with the configuration, the socket it
/// names is the one the deploy files make, and <c>k2 status</c> finds a daemon on another port the way it says.
/// Not proven here: the root-only steps (install.sh, adduser, restarting services) and a build through the documented
/// assetRoot, which the other WordPress tests do with the same layout under a temporary content folder
/// (<see cref="WordPressSite"/>: the plugin from build.sh in &lt;content&gt;/plugins, the samples' assets at
/// &lt;asset root&gt;/&lt;sample&gt;/assets, specs with "assetRoot": "&lt;sample&gt;/assets").
/// </summary>
public sealed class TheQuickStart
{
    private static readonly Lazy<string> Section = new(() =>
    {
        var doc = File.ReadAllText(Repository.Path("docs", "wordpress.md"));
        var sections = Regex.Split(doc, "^## ", RegexOptions.Multiline);
        // The quick start is the first section, right after the title.
        Assert.StartsWith("Quick start on Debian", sections[1], StringComparison.Ordinal);
        return sections[1];
    });

    [Fact]
    public void ShouldBindTheConfigurationSnippetOverTheInstalledFileAsTheDaemonBindsIt()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Repository.Path("deploy", "appsettings.example.json"), optional: false, reloadOnChange: false)
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Block("json", 0))))
            .Build();

        // Strict (an unknown key is an error) and validated, as the silo host loads it; throws naming the key otherwise.
        var settings = K2SiloSettings.Load(configuration);
        new SiloBuilderStub().AddK2WordPress(configuration);

        var content = DebianContentFolder();
        Assert.True(settings.WordPress.Enabled);
        Assert.Equal(("wp_", "k2_trophy"), (settings.WordPress.TablePrefix, settings.WordPress.PostType));
        Assert.Equal($"{content}/uploads/k2-assets", settings.Rendering.AssetRoot);
        Assert.Equal($"{content}/uploads/k2-trophies", settings.Rendering.OutputRoot);
        Assert.Equal(("", ""), (settings.WordPress.AssetRoot, settings.WordPress.OutputRoot)); // so the Rendering roots apply
    }

    [Fact]
    public void ShouldUseDebiansPathsAndAgreeWithItself()
    {
        var content = DebianContentFolder();
        var assetRoot = $"{content}/uploads/k2-assets";
        var outputRoot = $"{content}/uploads/k2-trophies";

        // Step 1 installs with the output root the configuration names.
        Assert.Contains($"--output-root {outputRoot}", Block("sh", 0), StringComparison.Ordinal);
        // Step 4 copies the assets to where the spec's assetRoot, relative to the asset root, points.
        var copy = Regex.Match(Block("sh", 1), @"cp -R samples/classic-cup/assets (\S+)/$");
        Assert.True(copy.Success, "no cp of the sample's assets in step 4");
        var assetRootInSpec = Regex.Match(Section.Value, "\"assetRoot\": \"(classic-cup/[^\"]+)\"").Groups[1].Value;
        Assert.Equal($"{copy.Groups[1].Value}/assets", $"{assetRoot}/{assetRootInSpec}");
        Assert.True(Directory.Exists(Repository.Path("samples", "classic-cup", "assets")));
        // Step 5 builds the plugin into Debian's plugin folder.
        Assert.Equal($"sudo clients/wordpress/build.sh {content}/plugins", Block("sh", 2).Trim());
        // The table's other Debian paths are the package's.
        Assert.True(File.Exists("/usr/share/wordpress/wp-settings.php"));
        Assert.Contains("/etc/wordpress/config-", File.ReadAllText("/usr/share/wordpress/wp-config.php"), StringComparison.Ordinal);
        Assert.Contains("| plugins, themes, uploads (`WP_CONTENT_DIR`) | `/var/lib/wordpress/wp-content` |", Section.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldNameTheSocketAndGroupTheDeployFilesMake()
    {
        var example = new ConfigurationBuilder().AddJsonFile(Repository.Path("deploy", "appsettings.example.json")).Build();
        var unit = File.ReadAllText(Repository.Path("deploy", "systemd", "k2orleans-silo.service"));

        Assert.Contains(
            $"| the status socket | `{example["StatusBridge:UnixSocketPath"]}`, mode `{example["StatusBridge:UnixSocketMode"]}`, group `k2orleans` |",
            Section.Value,
            StringComparison.Ordinal);
        Assert.Matches(new Regex("^Group=k2orleans$", RegexOptions.Multiline), unit);
        Assert.Contains("sudo adduser www-data k2orleans", Block("sh", 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldFindADaemonOnAnotherPortThroughTheEnvironmentVariableItNames()
    {
        var line = Regex.Match(Section.Value, @"`K2__StatusBridge__TcpEndpoint=127\.0\.0\.1:(\d+) k2 status`");
        Assert.True(line.Success, "the quick start does not show k2 status with K2__StatusBridge__TcpEndpoint");
        var job = new JobSnapshot("quick-start-20261203T100000Z", "quick-start", JobState.Running, 10, 4, 0, 0, DateTimeOffset.UtcNow, null, 2, 2, 3, [], new BatchCounts(1, 0, 1));
        await using var bridge = await FakeBridge.StartAsync(new ClusterSnapshot(true, [new SiloSnapshot("127.0.0.1:11111", "active", 1, 2)], [job]));
        using var folder = new TempDirectory();

        // The documented command with the bridge's port for the doc's 7071, which may be taken on this machine.
        using var k2 = await K2Process.RunAsync(
            folder.Path,
            new Dictionary<string, string> { ["K2__StatusBridge__TcpEndpoint"] = $"127.0.0.1:{bridge.Port}" },
            TimeSpan.FromSeconds(60),
            "status");

        Assert.True(k2.Process.ExitCode == 0, $"k2 status exited {k2.Process.ExitCode}: {k2.StandardError}");
        Assert.Contains("quick-start-20261203T100000Z", k2.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>WP_CONTENT_DIR as Debian's wp-config.php sets it.</summary>
    private static string DebianContentFolder()
    {
        var config = File.ReadAllText("/usr/share/wordpress/wp-config.php");
        var match = Regex.Match(config, @"define\('WP_CONTENT_DIR', '([^']+)'\)");
        Assert.True(match.Success, "Debian's wp-config.php no longer sets WP_CONTENT_DIR");
        return match.Groups[1].Value;
    }

    /// <summary>The <paramref name="index"/>th fenced block of <paramref name="language"/> in the quick start, unindented.</summary>
    private static string Block(string language, int index)
    {
        var blocks = Regex.Matches(Section.Value, $@"^( *)```{language}\n(.*?)^\1```", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(blocks.Count > index, $"the quick start has {blocks.Count} {language} blocks, not {index + 1}");
        var indent = blocks[index].Groups[1].Value;
        return string.Join('\n', blocks[index].Groups[2].Value.Split('\n').Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l));
    }
}
