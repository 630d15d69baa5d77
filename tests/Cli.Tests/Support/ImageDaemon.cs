using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using K2Orleans.TestSupport;

namespace K2Orleans.Cli.Tests.Support;

/// <summary>
/// A real silo with its image endpoint, and the classic-cup sample (60x96, with a "-thumb" size) built once into an
/// output folder: what a shop's web server proxies to. Tests read the endpoint's figures from the status socket.
/// </summary>
public sealed class ImageDaemon : IAsyncLifetime
{
    public const string Token = "test-token-0123456789abcdef";
    public const string Slug = "classic-cup";
    private readonly TempDirectory temp = new();

    public Daemon Daemon { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public string SpecPath { get; private set; } = "";

    public string Output => Path.Combine(temp.Path, "out");

    public string TrophyFolder => Path.Combine(Output, Slug);

    public long Total { get; } = 2 * 5 * 5;

    public async Task InitializeAsync()
    {
        var json = JsonNode.Parse(SampleSpec.Json(Slug, 60, 96))!.AsObject();
        json["output"]!["sizes"] = new JsonArray(new JsonObject { ["suffix"] = "-thumb", ["width"] = 30 });
        SpecPath = temp.File("cup.json");
        await File.WriteAllTextAsync(SpecPath, json.ToJsonString());
        Daemon = new Daemon(Directory.CreateDirectory(temp.File("silo")).FullName, settings: new Dictionary<string, string>
        {
            ["K2__Images__Token"] = Token,

            // The tests send a thousand requests in a burst from one address; the limiter is tested on its own.
            ["K2__Images__PermitsPerSecond"] = "100000",
            ["K2__Images__Burst"] = "100000",
        });
        await Daemon.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Daemon.ImagesPort}") };
        await BuildAsync();
    }

    /// <summary>Runs a job of the spec to its end and returns its status line.</summary>
    public async Task<JsonElement> BuildAsync()
    {
        var job = await Daemon.SubmitAsync(SpecPath, Output);
        return await Daemon.WaitForFinishAsync(job, TimeSpan.FromMinutes(2));
    }

    /// <summary>The spec JSON as the tests sent it to the daemon.</summary>
    public JsonObject Spec() => JsonNode.Parse(File.ReadAllText(SpecPath))!.AsObject();

    /// <summary>The silo's on-request figures once <paramref name="ready"/> holds for them (the socket refreshes every second).</summary>
    public async Task<JsonElement> OnRequestAsync(Func<JsonElement, bool> ready, string what)
    {
        JsonElement figures = default;
        await WaitFor.ConditionAsync(what, () =>
        {
            var status = Daemon.Ask("STATUS");
            if (status is null || status.RootElement.GetProperty("silos") is not { ValueKind: JsonValueKind.Array } silos || silos.GetArrayLength() == 0
                || !silos[0].TryGetProperty("on_request", out var found))
            {
                return false;
            }

            figures = found.Clone();
            return ready(figures);
        }, TimeSpan.FromSeconds(30));
        return figures;
    }

    public HttpRequestMessage Post(string path, string body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Daemon is { IsRunning: true })
        {
            await Daemon.TerminateAsync(TimeSpan.FromMinutes(1));
        }

        Daemon?.Dispose();
        temp.Dispose();
        await Task.CompletedTask;
    }
}
