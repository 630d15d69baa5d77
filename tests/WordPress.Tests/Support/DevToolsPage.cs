using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using K2Orleans.TestSupport;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>
/// One tab of a headless Chromium (chromium-headless-shell) driven over the Chrome DevTools Protocol on its remote
/// debugging port: real time (not --dump-dom's virtual time, so timings mean something), real mouse clicks, scripts on
/// or off, screenshots.
/// </summary>
public sealed class DevToolsPage : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory profile;
    private readonly Process browser;
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> awaited = new();
    private readonly CancellationTokenSource closing = new();
    private Task? reader;
    private int nextId;
    private bool scripts = true;

    private DevToolsPage(TempDirectory profile, Process browser)
    {
        this.profile = profile;
        this.browser = browser;
    }

    public static async Task<DevToolsPage> OpenAsync(int width = 1280, int height = 900)
    {
        var executable = ProcessRunner.Find("chromium-headless-shell") ?? ProcessRunner.Find("chromium")
            ?? throw new InvalidOperationException("no headless Chromium on PATH: install chromium-headless-shell (scripts/test.sh does)");
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        // --no-sandbox: Chromium's sandbox refuses to run as root, as CI does; the pages are the project's own.
        foreach (var argument in new[] { "--headless", "--disable-gpu", "--no-first-run", "--no-sandbox", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", $"--window-size={width},{height}", "about:blank" })
        {
            start.ArgumentList.Add(argument);
        }

        var page = new DevToolsPage(profile, Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start"));
        try
        {
            await page.ConnectAsync(width, height);
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>Loads a URL and waits for its load event (document.readyState complete).</summary>
    public async Task NavigateAsync(string url)
    {
        await CallAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitForLoadAsync(url, href => href != "about:blank");
    }

    /// <summary>Waits until the document at a URL that <paramref name="matches"/> has loaded, e.g. after a form's submit.</summary>
    public Task WaitForLoadAsync(string what, Func<string, bool> matches) =>
        WaitFor.ConditionAsync($"{what} to load", async () =>
            (await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = "document.readyState + ' ' + location.href", ["returnByValue"] = true }))
                .GetProperty("result").GetProperty("value").GetString() is { } state && state.StartsWith("complete ", StringComparison.Ordinal) && matches(state["complete ".Length..]),
            CallTimeout);

    /// <summary>Turns the page's own scripts off (or on again), as a visitor without JavaScript has it.</summary>
    public async Task ScriptsAsync(bool enabled)
    {
        await CallAsync("Emulation.setScriptExecutionDisabled", new JsonObject { ["value"] = !enabled });
        scripts = enabled;
    }

    /// <summary>Evaluates an expression (awaiting a promise) and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"the page threw: {exception}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>The outer HTML of the first element matching a selector, read through the DOM domain (works without page scripts).</summary>
    public async Task<string> OuterHtmlAsync(string selector) =>
        (await CallAsync("DOM.getOuterHTML", new JsonObject { ["nodeId"] = await NodeAsync(selector) })).GetProperty("outerHTML").GetString()!;

    /// <summary>A real left click in the middle of the element: the browser's own events, as a mouse makes them.</summary>
    public async Task ClickAsync(string selector)
    {
        var (x, y) = await CentreAsync(selector);
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
        {
            await CallAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = type, ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = 1 });
        }
    }

    /// <summary>Clicks into a field, selects what it holds and types <paramref name="text"/> over it, as a keyboard does.</summary>
    public async Task TypeAsync(string selector, string text)
    {
        await ClickAsync(selector);
        foreach (var type in new[] { "rawKeyDown", "keyUp" })
        {
            await CallAsync("Input.dispatchKeyEvent", new JsonObject { ["type"] = type, ["modifiers"] = 2, ["key"] = "a", ["code"] = "KeyA", ["windowsVirtualKeyCode"] = 65, ["commands"] = new JsonArray("selectAll") });
        }

        await CallAsync("Input.insertText", new JsonObject { ["text"] = text });
    }

    /// <summary>Presses the mouse in the middle of the element, moves it by (dx, dy) in steps and releases it.</summary>
    public async Task DragAsync(string selector, double dx, double dy, int steps = 8)
    {
        var (x, y) = await CentreAsync(selector);
        await CallAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mousePressed", ["x"] = x, ["y"] = y, ["button"] = "left", ["buttons"] = 1, ["clickCount"] = 1 });
        for (var step = 1; step <= steps; step++)
        {
            await CallAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseMoved", ["x"] = x + dx * step / steps, ["y"] = y + dy * step / steps, ["button"] = "left", ["buttons"] = 1 });
        }

        await CallAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseReleased", ["x"] = x + dx, ["y"] = y + dy, ["button"] = "left", ["buttons"] = 0, ["clickCount"] = 1 });
    }

    /// <summary>
    /// Clicks an element that opens the browser's file chooser (a file input, or a button that clicks one) and picks
    /// <paramref name="file"/> in it, as a user does: the chooser is intercepted over DevTools and answered with
    /// DOM.setFileInputFiles, which sets the input's files and fires its change event.
    /// </summary>
    public async Task PickFileAsync(string selector, string file)
    {
        var opened = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        awaited["Page.fileChooserOpened"] = opened;
        await CallAsync("Page.setInterceptFileChooserDialog", new JsonObject { ["enabled"] = true });
        try
        {
            await ClickAsync(selector);
            var chooser = await opened.Task.WaitAsync(CallTimeout);
            await CallAsync("DOM.setFileInputFiles", new JsonObject { ["files"] = new JsonArray(Path.GetFullPath(file)), ["backendNodeId"] = chooser.GetProperty("backendNodeId").GetInt32() });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"clicking {selector} opened no file chooser", e);
        }
        finally
        {
            awaited.TryRemove("Page.fileChooserOpened", out _);
            await CallAsync("Page.setInterceptFileChooserDialog", new JsonObject { ["enabled"] = false });
        }
    }

    /// <summary>Waits until an element matching the selector is in the page.</summary>
    public Task WaitForElementAsync(string selector, TimeSpan timeout) =>
        WaitFor.ConditionAsync($"an element matching {selector}", async () =>
            (await EvaluateAsync($"!!document.querySelector({JsonValue.Create(selector).ToJsonString()})")).GetBoolean(), timeout);

    /// <summary>Writes a PNG of the viewport.</summary>
    public async Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var data = (await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" })).GetProperty("data").GetString()!;
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(data));
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        socket.Abort();
        socket.Dispose();
        if (!browser.HasExited)
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
        }

        browser.Dispose();
        profile.Dispose();
        closing.Dispose();
    }

    /// <summary>
    /// The middle of the element once it stays put: scrolled into view and measured again two frames later until two
    /// measurements agree, so a layout still moving (wp-admin's editor resizing itself, a page's scroll handlers)
    /// cannot send a click elsewhere.
    /// </summary>
    private async Task<(double X, double Y)> CentreAsync(string selector)
    {
        var last = await MeasureAsync(selector);
        if (!scripts)
        {
            return last; // no page script to move anything (nor to wait for frames with)
        }

        var settled = await WaitFor.ValueAsync(
            $"{selector} to stop moving",
            async () =>
            {
                await EvaluateAsync("new Promise(function (done) { requestAnimationFrame(function () { requestAnimationFrame(function () { done(true); }); }); })");
                var now = await MeasureAsync(selector);
                var still = now == last;
                last = now;
                return (Centre: now, Still: still);
            },
            m => m.Still,
            CallTimeout);
        return settled.Centre;
    }

    private async Task<(double X, double Y)> MeasureAsync(string selector)
    {
        var node = await NodeAsync(selector);
        await CallAsync("DOM.scrollIntoViewIfNeeded", new JsonObject { ["nodeId"] = node });
        var quad = (await CallAsync("DOM.getContentQuads", new JsonObject { ["nodeId"] = node })).GetProperty("quads")[0];
        return ((quad[0].GetDouble() + quad[2].GetDouble() + quad[4].GetDouble() + quad[6].GetDouble()) / 4,
            (quad[1].GetDouble() + quad[3].GetDouble() + quad[5].GetDouble() + quad[7].GetDouble()) / 4);
    }

    private async Task<int> NodeAsync(string selector)
    {
        var root = (await CallAsync("DOM.getDocument", new JsonObject { ["depth"] = 0 })).GetProperty("root").GetProperty("nodeId").GetInt32();
        var node = (await CallAsync("DOM.querySelector", new JsonObject { ["nodeId"] = root, ["selector"] = selector })).GetProperty("nodeId").GetInt32();
        return node != 0 ? node : throw new InvalidOperationException($"no element matches {selector}");
    }

    private async Task ConnectAsync(int width, int height)
    {
        // Chromium writes the port it chose (and the browser's socket path) to DevToolsActivePort in the profile.
        var portFile = Path.Combine(profile.Path, "DevToolsActivePort");
        await WaitFor.ConditionAsync("Chromium's DevToolsActivePort", () => browser.HasExited
            ? throw new InvalidOperationException($"Chromium exited with {browser.ExitCode}: {browser.StandardError.ReadToEnd()}")
            : File.Exists(portFile) && File.ReadAllLines(portFile).Length >= 2, CallTimeout);
        var port = File.ReadAllLines(portFile)[0].Trim();
        using var http = new HttpClient();
        var targets = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list")).RootElement;
        var tab = targets.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page").GetProperty("webSocketDebuggerUrl").GetString()!;
        await socket.ConnectAsync(new Uri(tab), CancellationToken.None);
        reader = Task.Run(ReadAsync);
        await CallAsync("Page.enable", []);
        await CallAsync("DOM.enable", []);
        await CallAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    private async Task<JsonElement> CallAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        calls[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        await socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);
        var result = await answer.Task.WaitAsync(CallTimeout);
        return result.TryGetProperty("error", out var error)
            ? throw new InvalidOperationException($"{method} failed: {error}")
            : result.GetProperty("result");
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var part = await socket.ReceiveAsync(buffer, closing.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                var root = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                // Events (no id) matter only when awaited (the file chooser); every other wait is on a condition the page answers.
                if (root.TryGetProperty("id", out var id) && calls.TryRemove(id.GetInt32(), out var call))
                {
                    call.SetResult(root);
                }
                else if (root.TryGetProperty("method", out var method) && awaited.TryRemove(method.GetString()!, out var waiter))
                {
                    waiter.TrySetResult(root.GetProperty("params"));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            foreach (var call in calls.Values)
            {
                call.TrySetException(new IOException("the DevTools connection closed", e));
            }
        }
    }
}
