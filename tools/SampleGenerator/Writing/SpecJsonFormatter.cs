using System.Text;
using System.Text.Json.Nodes;

namespace K2Orleans.SampleGenerator.Writing;

/// <summary>
/// Pretty-prints a spec the way contracts.md shows one: an object or array holding only plain values
/// (an option, the canvas, a size) stays on one line; anything holding objects or arrays is expanded.
/// A sample spec then reads as a list of options, one per line, which people copy and edit.
/// </summary>
internal static class SpecJsonFormatter
{
    private const int MaxLineContent = 120;

    public static string Format(JsonNode node)
    {
        var text = new StringBuilder();
        Write(text, node, 0);
        return text.Append('\n').ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, int depth)
    {
        switch (node)
        {
            case JsonObject obj when !IsFlat(obj) || Inline(obj).Length > MaxLineContent:
                Expand(text, [.. obj.Select(p => (Key: (string?)p.Key, p.Value))], '{', '}', depth);
                break;
            case JsonArray array when !IsFlat(array) || Inline(array).Length > MaxLineContent:
                Expand(text, [.. array.Select(v => (Key: (string?)null, Value: v))], '[', ']', depth);
                break;
            default:
                text.Append(Inline(node));
                break;
        }
    }

    private static void Expand(StringBuilder text, List<(string? Key, JsonNode? Value)> members, char open, char close, int depth)
    {
        text.Append(open).Append('\n');
        for (var i = 0; i < members.Count; i++)
        {
            text.Append(' ', (depth + 1) * 2);
            if (members[i].Key is { } key)
            {
                text.Append(JsonValue.Create(key).ToJsonString()).Append(": ");
            }

            Write(text, members[i].Value, depth + 1);
            text.Append(i < members.Count - 1 ? ",\n" : "\n");
        }

        text.Append(' ', depth * 2).Append(close);
    }

    private static bool IsFlat(JsonNode node) => node switch
    {
        JsonObject obj => obj.All(p => p.Value is not (JsonObject or JsonArray)),
        JsonArray array => array.All(v => v is not (JsonObject or JsonArray)),
        _ => true,
    };

    private static string Inline(JsonNode? node) => node switch
    {
        JsonObject obj when obj.Count == 0 => "{}",
        JsonObject obj => $"{{ {string.Join(", ", obj.Select(p => $"{JsonValue.Create(p.Key).ToJsonString()}: {Inline(p.Value)}"))} }}",
        JsonArray array => $"[{string.Join(", ", array.Select(Inline))}]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
