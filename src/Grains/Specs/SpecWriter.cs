using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace K2Orleans.Grains.Specs;

/// <summary>
/// Writes a <see cref="TrophySpec"/> back as spec JSON, so a spec that arrived as an object (from a grain call, a
/// stored job, any Orleans client) can be put through <see cref="SpecParser"/> again: one set of rules for every caller.
/// It writes what it is given, nulls and out-of-range values included, so the parser names them.
/// </summary>
public static class SpecWriter
{
    public static string Write(TrophySpec spec)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("slug", spec.Slug);
            json.WriteString("name", spec.Name);
            WriteCanvas(json, spec.Canvas);
            json.WriteString("assetRoot", spec.AssetRoot);
            WriteArray(json, "slots", spec.Slots, WriteSlot);
            WriteOutput(json, spec.Output);
            if (spec.Schedule is not null)
            {
                json.WriteString("schedule", spec.Schedule);
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A colour as the parser reads it back: <c>#rrggbbaa</c>.</summary>
    public static string Rgba(uint rgba) => "#" + rgba.ToString("x8", CultureInfo.InvariantCulture);

    private static void WriteCanvas(Utf8JsonWriter json, CanvasSpec? canvas)
    {
        if (canvas is null)
        {
            json.WriteNull("canvas");
            return;
        }

        json.WriteStartObject("canvas");
        json.WriteNumber("width", canvas.Width);
        json.WriteNumber("height", canvas.Height);
        json.WriteString("background", Rgba(canvas.Background));
        json.WriteEndObject();
    }

    private static void WriteSlot(Utf8JsonWriter json, SlotSpec? slot)
    {
        if (slot is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("id", slot.Id);
        WriteIfSet(json, "label", slot.Label);
        json.WriteBoolean("optional", slot.Optional);
        WriteArray(json, "options", slot.Options, WriteOption);
        WriteIfSet(json, "default", slot.Default);
        json.WriteEndObject();
    }

    private static void WriteOption(Utf8JsonWriter json, OptionSpec? option)
    {
        if (option is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("id", option.Id);
        WriteIfSet(json, "label", option.Label);
        json.WriteString("image", option.Image);
        json.WriteNumber("x", option.X);
        json.WriteNumber("y", option.Y);
        if (option.Tint is { } tint)
        {
            // A tint is #rrggbb; a value wider than 24 bits is written as nine characters, which the parser refuses.
            json.WriteString("tint", tint <= 0xFFFFFF ? "#" + tint.ToString("x6", CultureInfo.InvariantCulture) : Rgba(tint));
        }

        json.WriteEndObject();
    }

    private static void WriteOutput(Utf8JsonWriter json, OutputSpec? output)
    {
        if (output is null)
        {
            json.WriteNull("output");
            return;
        }

        json.WriteStartObject("output");
        json.WriteString("format", output.Format switch
        {
            OutputFormat.Png => "png",
            OutputFormat.Jpg => "jpg",
            OutputFormat.Webp => "webp",
            var other => ((int)other).ToString(CultureInfo.InvariantCulture),
        });
        json.WriteNumber("quality", output.Quality);
        if (output.Effort != OutputEffort.Default)
        {
            json.WriteString("effort", output.Effort switch
            {
                OutputEffort.Fast => "fast",
                OutputEffort.Max => "max",
                var other => ((int)other).ToString(CultureInfo.InvariantCulture),
            });
        }

        json.WriteString("path", output.PathTemplate);
        WriteArray(json, "sizes", output.Sizes, (w, size) =>
        {
            if (size is null)
            {
                w.WriteNullValue();
                return;
            }

            w.WriteStartObject();
            w.WriteString("suffix", size.Suffix);
            w.WriteNumber("width", size.Width);
            w.WriteEndObject();
        });
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, ImmutableArray<T> items, Action<Utf8JsonWriter, T> write)
    {
        if (items.IsDefault)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var item in items)
        {
            write(json, item);
        }

        json.WriteEndArray();
    }
}
