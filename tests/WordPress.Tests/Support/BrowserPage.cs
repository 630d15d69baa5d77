using K2Orleans.TestSupport;

namespace K2Orleans.WordPress.Tests.Support;

/// <summary>An admin page's HTML (as the driver renders it) in a file a headless Chromium can open.</summary>
public static class BrowserPage
{
    /// <summary>Writes <paramref name="body"/> into a page with <paramref name="head"/> and hands its file URL to <paramref name="use"/>.</summary>
    public static void Open(string body, Action<string> use, string head = "")
    {
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "page.html");
        File.WriteAllText(file, $$"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>K2 page</title>
            {{head}}
            </head><body>{{body}}</body></html>
            """);
        use(new Uri(file).AbsoluteUri);
    }

    /// <summary>A stylesheet link to the installed plugin's admin.css, so a screenshot looks as the page does.</summary>
    public static string PluginStyles(WordPressSite site) =>
        $"<link rel=\"stylesheet\" href=\"{new Uri(Path.Combine(site.ContentFolder, "plugins", "k2-trophy-builder", "assets", "admin.css")).AbsoluteUri}\">";
}
