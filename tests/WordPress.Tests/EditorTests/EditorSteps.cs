using System.Text.Json.Nodes;
using K2Orleans.TestSupport;
using K2Orleans.WordPress.Tests.Support;

namespace K2Orleans.WordPress.Tests.EditorTests;

/// <summary>What a shop editor does in wp-admin, step by step, for the editor's browser tests.</summary>
internal static class EditorSteps
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static string Field(string path) => $"[data-path=\"{path}\"]";

    public static Task Shot(DevToolsPage page, string step) =>
        page.ScreenshotAsync(Repository.Path("artifacts", "screenshots", $"l-editor-{step}.png"));

    public static async Task<string> TextAsync(DevToolsPage page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector({Js(selector)}).textContent")).GetString()!;

    public static async Task<string> ValueAsync(DevToolsPage page, string selector) =>
        (await page.EvaluateAsync($"document.querySelector({Js(selector)}).value")).GetString()!;

    public static async Task<string?> AttributeAsync(DevToolsPage page, string selector, string name) =>
        (await page.EvaluateAsync($"document.querySelector({Js(selector)}).getAttribute({Js(name)})")).GetString();

    /// <summary>
    /// Waits until the renderer's check of the last change has answered. Until then the problems it brings may still
    /// be written next to their fields and move what is below them, so a click aimed before could land elsewhere.
    /// </summary>
    public static Task SettledAsync(DevToolsPage page) =>
        WaitFor.ConditionAsync("the renderer's check of the last change", async () =>
            (await page.EvaluateAsync("(document.querySelector('.k2tb-check') || { getAttribute: function () { return 'none'; } }).getAttribute('data-state') !== 'pending'")).GetBoolean(), Deadline);

    /// <summary>A click in the editor, once its layout has settled (<see cref="SettledAsync"/>).</summary>
    public static async Task ClickInEditorAsync(DevToolsPage page, string selector)
    {
        await SettledAsync(page);
        await page.ClickAsync(selector);
    }

    /// <summary>Typing into an editor field, once its layout has settled (the click into the field must hit it).</summary>
    public static async Task TypeInEditorAsync(DevToolsPage page, string selector, string text)
    {
        await SettledAsync(page);
        await page.TypeAsync(selector, text);
    }

    /// <summary>Waits until an element matching the selector is shown (laid out, not hidden), e.g. a tab of a modal.</summary>
    public static Task WaitForVisibleAsync(DevToolsPage page, string selector) =>
        WaitFor.ConditionAsync($"{selector} to show", async () =>
            (await page.EvaluateAsync($"(function (e) {{ return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'; }})(document.querySelector({Js(selector)}))")).GetBoolean(), Deadline);

    /// <summary>
    /// The option's "Choose image" button, the Media Library's Upload files tab, its Select Files button and the
    /// browser's file chooser answered with <paramref name="file"/>, then Use this image once the upload is in.
    /// </summary>
    /// <param name="shot">A screenshot of the Media Library with the upload in, under this step name.</param>
    /// <returns>The image as the option now names it (relative to the uploads folder).</returns>
    public static async Task<string> UploadAsync(DevToolsPage page, string option, string file, string? shot = null)
    {
        try
        {
            return await UploadStepsAsync(page, option, file, shot);
        }
        catch (TimeoutException e)
        {
            await Shot(page, "failed-upload");
            var modals = await page.EvaluateAsync("[].map.call(document.querySelectorAll('.media-modal'), function (m) { return (m.getClientRects().length ? 'shown: ' : 'hidden: ') + m.className + ' | ' + [].map.call(m.querySelectorAll('.media-router [id], .uploader-inline .browser, .upload-errors'), function (b) { return b.id + '/' + b.className + '/' + b.getClientRects().length; }).join(', '); }).join(' || ')");
            throw new TimeoutException($"{e.Message} The media modals: {modals}", e);
        }
    }

    private static async Task<string> UploadStepsAsync(DevToolsPage page, string option, string file, string? shot)
    {
        await ClickInEditorAsync(page, $"[data-path=\"{option}\"] .k2tb-choose");
        await WaitForVisibleAsync(page, ".media-modal #menu-item-upload");
        await page.ClickAsync(".media-modal #menu-item-upload");
        await WaitForVisibleAsync(page, ".media-modal .uploader-inline .browser");
        await page.PickFileAsync(".media-modal .uploader-inline .browser", file);

        // WordPress switches to the library with the new image selected; its details show once it is stored.
        var stem = Path.GetFileNameWithoutExtension(file);
        await WaitFor.ConditionAsync($"{Path.GetFileName(file)} uploaded", async () =>
        {
            var state = await page.EvaluateAsync("""
                (function (m) {
                    var errors = m.querySelector('.upload-errors, .upload-error');
                    if (errors && errors.textContent.trim()) { throw new Error('upload failed: ' + errors.textContent.trim()); }
                    var tile = m.querySelector('.attachments .attachment.selected');
                    var name = m.querySelector('.media-sidebar .attachment-details .filename');
                    return tile && !tile.classList.contains('uploading') && name ? name.textContent.trim() : '';
                })(document.querySelector('.media-modal'))
                """);
            return state.GetString()!.StartsWith(stem, StringComparison.Ordinal);
        }, Deadline);
        await WaitFor.ConditionAsync("the Use this image button", async () => (await page.EvaluateAsync("!document.querySelector('.media-modal .media-button-select').disabled")).GetBoolean(), Deadline);
        if (shot is not null)
        {
            await Shot(page, shot);
        }

        await page.ClickAsync(".media-modal .media-button-select");
        var chosen = "";
        await WaitFor.ConditionAsync($"{option}'s image", async () =>
            (chosen = (await page.EvaluateAsync($"(function (n) {{ return n && n.firstChild ? n.firstChild.nodeValue : ''; }})(document.querySelector('[data-path=\"{option}.image\"]'))")).GetString()!).StartsWith("Image: ", StringComparison.Ordinal), Deadline);
        return chosen["Image: ".Length..];
    }

    /// <summary>The edit screen, once WordPress's own editor has set itself up (it changes the layout as it does).</summary>
    public static async Task OpenEditorAsync(DevToolsPage page, EditorSite site, long post)
    {
        await page.NavigateAsync($"{site.Apache.BaseUrl}/wp-admin/post.php?post={post}&action=edit");
        await WaitFor.ConditionAsync("the edit screen's editors", async () => (await page.EvaluateAsync(
            "!!document.querySelector('.k2tb-editor.k2tb-live') && (!window.tinymce || !document.getElementById('content') || !!(tinymce.get('content') && tinymce.get('content').initialized))")).GetBoolean(), Deadline);
    }

    /// <summary>
    /// Clicks a button that submits the post form and waits for the page it leads to. The address says nothing
    /// (WordPress takes message= out of it again), so a mark left in the old document tells them apart.
    /// </summary>
    public static async Task SubmitAsync(DevToolsPage page, string selector)
    {
        await page.EvaluateAsync("window.__k2OldPage = true");
        await ClickInEditorAsync(page, selector);
        await WaitFor.ConditionAsync($"the page after {selector}", async () =>
        {
            try
            {
                return (await page.EvaluateAsync("document.readyState === 'complete' && !window.__k2OldPage && !!document.querySelector('.k2tb-editor.k2tb-live')")).GetBoolean();
            }
            catch (InvalidOperationException)
            {
                return false; // the old document went away while asked
            }
        }, Deadline);
    }

    public static async Task LogInAsync(DevToolsPage page, EditorSite site)
    {
        await page.NavigateAsync($"{site.Apache.BaseUrl}/wp-login.php");
        await page.TypeAsync("#user_login", "admin");
        await page.TypeAsync("#user_pass", EditorSite.Password);
        await page.ClickAsync("#wp-submit");
        await page.WaitForLoadAsync("wp-admin after logging in", href => href.Contains("/wp-admin/", StringComparison.Ordinal));
    }

    /// <summary>Waits until the page's image matching the selector has loaded <paramref name="url"/> and decoded it.</summary>
    public static Task WaitForImageAsync(DevToolsPage page, string selector, string url) =>
        WaitFor.ConditionAsync($"{url} shown", async () => (await page.EvaluateAsync(
            $"(function (i) {{ return !!i && i.currentSrc === {Js(url)} && i.complete && i.naturalWidth > 0; }})(document.querySelector({Js(selector)}))")).GetBoolean(), Deadline);

    private static string Js(string text) => JsonValue.Create(text).ToJsonString();
}
