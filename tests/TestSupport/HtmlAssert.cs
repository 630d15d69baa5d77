using Xunit;

namespace K2Orleans.TestSupport;

/// <summary>Assertions on the status tables the PHP pages render (the status page, the K2 Builds page).</summary>
public static class HtmlAssert
{
    /// <summary>Each cell appears as <c>&lt;td class="CLASS"&gt;TEXT&lt;/td&gt;</c>; a failure names the first missing one.</summary>
    public static void HasCells(string html, params (string Class, string Text)[] cells)
    {
        foreach (var (cssClass, text) in cells)
        {
            Assert.Contains($"<td class=\"{cssClass}\">{text}</td>", html, StringComparison.Ordinal);
        }
    }
}
