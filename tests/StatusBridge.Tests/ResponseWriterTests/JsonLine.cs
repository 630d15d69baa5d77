using System.Text;
using System.Text.Json;

namespace K2Orleans.StatusBridge.Tests.ResponseWriterTests;

internal static class JsonLine
{
    /// <summary>Checks the one-line framing and returns the parsed object.</summary>
    public static JsonElement Parse(byte[] line)
    {
        var text = Encoding.UTF8.GetString(line);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
