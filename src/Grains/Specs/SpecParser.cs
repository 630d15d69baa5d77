using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using K2Orleans.Grains.Schedules;

namespace K2Orleans.Grains.Specs;

/// <summary>
/// Turns spec JSON into a <see cref="TrophySpec"/>, checking every rule of contracts.md §1 that needs no file.
/// It walks the whole document instead of stopping at the first fault, so an editor sees every problem at once.
/// </summary>
public sealed class SpecParser(SpecParserOptions options)
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    public SpecParser()
        : this(new SpecParserOptions())
    {
    }

    /// <param name="assetBase">The folder a relative <c>assetRoot</c> is resolved against.</param>
    /// <param name="confineToBase">True for specs from WordPress: <c>assetRoot</c> must stay inside <paramref name="assetBase"/>.</param>
    public SpecResult Parse(string json, string assetBase, bool confineToBase = false)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            return SpecResult.Refused([new SpecProblem("$", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var reader = new SpecReader(options, assetBase, confineToBase);
            var spec = reader.Read(document.RootElement);
            if (reader.Unlisted > 0)
            {
                reader.Problems.Add(new SpecProblem("$", $"and {reader.Unlisted} more problems not listed"));
            }

            return reader.Problems.Count == 0 ? new SpecResult(spec, []) : SpecResult.Refused(reader.Problems);
        }
    }

    private sealed class SpecReader(SpecParserOptions options, string assetBase, bool confineToBase)
    {
        private static readonly string[] RootFields = ["slug", "name", "canvas", "assetRoot", "slots", "output", "schedule"];
        private static readonly string[] CanvasFields = ["width", "height", "background"];
        private static readonly string[] SlotFields = ["id", "label", "optional", "options", "default"];
        private static readonly string[] OptionFields = ["id", "label", "image", "x", "y", "tint"];
        private static readonly string[] OutputFields = ["format", "quality", "effort", "path", "sizes"];
        private static readonly string[] SizeFields = ["suffix", "width"];

        public List<SpecProblem> Problems { get; } = [];

        /// <summary>Problems found beyond <see cref="SpecRules.MaxListedProblems"/>: counted, not kept.</summary>
        public int Unlisted { get; private set; }

        public TrophySpec? Read(JsonElement root)
        {
            if (!ExpectObject(root, "$", RootFields))
            {
                return null;
            }

            var slug = ReadId(root, "$", "slug");
            var name = ReadString(root, "$", "name", required: false) ?? slug;
            if (name is { Length: > 200 })
            {
                Add("$.name", "must be at most 200 characters");
            }

            var canvas = ReadCanvas(root);
            var assetRoot = ReadAssetRoot(root);
            var slots = ReadSlots(root);
            var output = ReadOutput(root, slots, canvas);
            var schedule = ReadSchedule(root);
            CheckCombinationCount(slots);

            if (Problems.Count > 0 || slug is null || canvas is null || assetRoot is null || output is null)
            {
                return null;
            }

            return new TrophySpec(slug, name!, canvas, assetRoot, slots, output, schedule);
        }

        private CanvasSpec? ReadCanvas(JsonElement root)
        {
            if (!TryGetRequired(root, "$", "canvas", out var canvas) || !ExpectObject(canvas, "$.canvas", CanvasFields))
            {
                return null;
            }

            var width = ReadInt(canvas, "$.canvas", "width", null, 1, SpecRules.MaxCanvasSide);
            var height = ReadInt(canvas, "$.canvas", "height", null, 1, SpecRules.MaxCanvasSide);
            var backgroundText = ReadString(canvas, "$.canvas", "background", required: false) ?? "transparent";
            uint background = 0;
            if (backgroundText != "transparent" && !SpecColor.TryParseRgba(backgroundText, out background))
            {
                Add("$.canvas.background", $"'{backgroundText}' must be transparent, #rrggbb or #rrggbbaa");
            }

            if (width is not null && height is not null && (long)width.Value * height.Value > options.MaxImagePixels)
            {
                Add("$.canvas", $"{width}x{height} is {(long)width.Value * height.Value:N0} pixels, more than the maximum of {options.MaxImagePixels:N0} (Rendering:MaxImagePixels)");
            }

            return width is null || height is null ? null : new CanvasSpec(width.Value, height.Value, background);
        }

        private string? ReadAssetRoot(JsonElement root)
        {
            var text = ReadString(root, "$", "assetRoot", required: false) ?? ".";
            if (text.Length == 0 || text.Contains('\0'))
            {
                Add("$.assetRoot", "must be a folder path");
                return null;
            }

            if (Path.IsPathRooted(text))
            {
                if (confineToBase)
                {
                    Add("$.assetRoot", "must be relative to the configured asset root");
                    return null;
                }

                return Path.GetFullPath(text);
            }

            var baseFull = Path.GetFullPath(assetBase);
            var full = Path.GetFullPath(Path.Combine(baseFull, text));
            var isBase = Path.TrimEndingDirectorySeparator(full) == Path.TrimEndingDirectorySeparator(baseFull);
            if (confineToBase && !isBase && !PathSafety.IsInside(baseFull, full))
            {
                Add("$.assetRoot", "leaves the configured asset root");
                return null;
            }

            return full;
        }

        private ImmutableArray<SlotSpec> ReadSlots(JsonElement root) =>
            ReadList(root, "$", "slots", "slot", SpecRules.MaxSlots, SlotFields, (element, path, id) =>
            {
                var label = ReadLabel(element, path);
                var optional = ReadBool(element, path, "optional") ?? false;
                var slotOptions = ReadOptions(element, path);
                var defaultChoice = ReadDefault(element, path, optional, slotOptions);
                return id is null ? null : new SlotSpec(id, optional, slotOptions, label, defaultChoice);
            });

        private ImmutableArray<OptionSpec> ReadOptions(JsonElement slot, string slotPath) =>
            ReadList(slot, slotPath, "options", "option", SpecRules.MaxOptionsPerSlot, OptionFields, (element, path, id) =>
            {
                var label = ReadLabel(element, path);
                var image = ReadImagePath(element, path);
                var x = ReadInt(element, path, "x", 0, -SpecRules.MaxCanvasSide, SpecRules.MaxCanvasSide);
                var y = ReadInt(element, path, "y", 0, -SpecRules.MaxCanvasSide, SpecRules.MaxCanvasSide);
                var tint = ReadTint(element, path);
                return id is not null && image is not null && x is not null && y is not null ? new OptionSpec(id, image, x.Value, y.Value, tint, label) : null;
            });

        /// <summary>
        /// A required array of 1 to <paramref name="max"/> objects with distinct ids. Every element is checked, even
        /// after an error, so one parse reports them all; <paramref name="read"/> gives null for an element it cannot use.
        /// </summary>
        private ImmutableArray<T> ReadList<T>(
            JsonElement parent, string parentPath, string name, string noun, int max, string[] fields, Func<JsonElement, string, string?, T?> read)
            where T : class
        {
            var path = $"{parentPath}.{name}";
            if (!TryGetRequired(parent, parentPath, name, out var array))
            {
                return [];
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Add(path, "must be an array");
                return [];
            }

            var count = array.GetArrayLength();
            if (count < 1 || count > max)
            {
                Add(path, $"must have 1 to {max} {noun}s, has {count}");
            }

            var items = ImmutableArray.CreateBuilder<T>(count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                if (!ExpectObject(element, itemPath, fields))
                {
                    continue;
                }

                var id = ReadId(element, itemPath, "id");
                if (id is not null && !ids.Add(id))
                {
                    Add($"{itemPath}.id", $"duplicate {noun} id '{id}'");
                }

                if (read(element, itemPath, id) is { } item)
                {
                    items.Add(item);
                }
            }

            return items.ToImmutable();
        }

        /// <summary>An optional plain-text label: shown to customers, so no control characters and no markup.</summary>
        private string? ReadLabel(JsonElement parent, string path)
        {
            var label = ReadString(parent, path, "label", required: false);
            if (label is null)
            {
                return null;
            }

            if (label.Trim().Length == 0 || label.Length > SpecRules.MaxLabelLength)
            {
                Add($"{path}.label", $"must be 1 to {SpecRules.MaxLabelLength} characters of text, has {label.Length}");
                return null;
            }

            if (label.Any(c => char.IsControl(c) || c is '<' or '>'))
            {
                Add($"{path}.label", "must be plain text: no control characters, '<' or '>'");
                return null;
            }

            return label;
        }

        /// <summary>The slot's optional default: one of its option ids, or <c>none</c> when the slot is optional.</summary>
        private string? ReadDefault(JsonElement slot, string slotPath, bool optional, ImmutableArray<OptionSpec> options)
        {
            var choice = ReadString(slot, slotPath, "default", required: false);
            if (choice is null)
            {
                return null;
            }

            if (choice == SpecRules.NoneChoice ? optional : options.Any(o => o.Id == choice))
            {
                return choice;
            }

            Add($"{slotPath}.default", choice == SpecRules.NoneChoice
                ? "'none' is a choice of optional slots only"
                : $"'{Shorten(choice)}' is not one of the slot's option ids");
            return null;
        }

        private string? ReadImagePath(JsonElement option, string optionPath)
        {
            var image = ReadString(option, optionPath, "image", required: true);
            if (image is null)
            {
                return null;
            }

            if (PathSafety.DescribeUnsafeRelativePath(image) is { } reason)
            {
                Add($"{optionPath}.image", $"'{image}' {reason}");
                return null;
            }

            return image.Replace('\\', '/');
        }

        private uint? ReadTint(JsonElement option, string optionPath)
        {
            var text = ReadString(option, optionPath, "tint", required: false);
            if (text is null)
            {
                return null;
            }

            if (text.Length != 7 || !SpecColor.TryParseRgba(text, out var rgba))
            {
                Add($"{optionPath}.tint", $"'{text}' must be #rrggbb");
                return null;
            }

            return rgba >> 8;
        }

        private OutputSpec? ReadOutput(JsonElement root, ImmutableArray<SlotSpec> slots, CanvasSpec? canvas)
        {
            const string path = "$.output";
            if (!root.TryGetProperty("output", out var output))
            {
                return new OutputSpec(OutputFormat.Png, OutputDefaults.Quality(OutputFormat.Png), OutputDefaults.PathTemplate, []);
            }

            if (!ExpectObject(output, path, OutputFields))
            {
                return null;
            }

            var format = ReadChoice(output, path, "format", "png", ("png", OutputFormat.Png), ("jpg", OutputFormat.Jpg), ("webp", OutputFormat.Webp));
            var quality = ReadInt(output, path, "quality", OutputDefaults.Quality(format ?? OutputFormat.Png), 1, 100);
            var effort = ReadChoice(output, path, "effort", "default", ("fast", OutputEffort.Fast), ("default", OutputEffort.Default), ("max", OutputEffort.Max));
            var template = ReadString(output, path, "path", required: false) ?? OutputDefaults.PathTemplate;
            foreach (var reason in OutputPathTemplate.Check(template, slots.Select(s => s.Id)))
            {
                Add($"{path}.path", reason);
            }

            var sizes = ReadSizes(output, path, canvas);
            return format is null || quality is null || effort is null ? null : new OutputSpec(format.Value, quality.Value, template, sizes, effort.Value);
        }

        /// <summary>One of a few words, or null (a problem added) for any other; <paramref name="fallback"/> when absent.</summary>
        private T? ReadChoice<T>(JsonElement parent, string path, string name, string fallback, params (string Text, T Value)[] choices)
            where T : struct
        {
            var text = ReadString(parent, path, name, required: false) ?? fallback;
            foreach (var (word, value) in choices)
            {
                if (word == text)
                {
                    return value;
                }
            }

            Add($"{path}.{name}", $"'{text}' must be {string.Join(", ", choices[..^1].Select(c => c.Text))} or {choices[^1].Text}");
            return null;
        }

        private ImmutableArray<SizeSpec> ReadSizes(JsonElement output, string outputPath, CanvasSpec? canvas)
        {
            var path = $"{outputPath}.sizes";
            if (!output.TryGetProperty("sizes", out var sizesElement))
            {
                return [];
            }

            if (sizesElement.ValueKind != JsonValueKind.Array)
            {
                Add(path, "must be an array");
                return [];
            }

            var sizes = ImmutableArray.CreateBuilder<SizeSpec>();
            var suffixes = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in sizesElement.EnumerateArray())
            {
                var sizePath = $"{path}[{index++}]";
                if (!ExpectObject(element, sizePath, SizeFields))
                {
                    continue;
                }

                var suffix = ReadString(element, sizePath, "suffix", required: true);
                if (suffix is not null && !OutputDefaults.IsValidSuffix(suffix))
                {
                    Add($"{sizePath}.suffix", $"'{suffix}' must be 1 to 32 of a-z, 0-9, '-', '_' or '.'");
                    suffix = null;
                }
                else if (suffix is not null && !suffixes.Add(suffix))
                {
                    Add($"{sizePath}.suffix", $"duplicate suffix '{suffix}'");
                }

                var width = ReadInt(element, sizePath, "width", null, 1, canvas?.Width ?? SpecRules.MaxCanvasSide);
                if (suffix is not null && width is not null)
                {
                    sizes.Add(new SizeSpec(suffix, width.Value));
                }
            }

            return sizes.ToImmutable();
        }

        private string? ReadSchedule(JsonElement root)
        {
            var text = ReadString(root, "$", "schedule", required: false);
            if (text is null)
            {
                return null;
            }

            if (!CronSchedule.TryParse(text, out var schedule, out var problem))
            {
                Add("$.schedule", problem);
                return null;
            }

            return schedule.Text;
        }

        private void CheckCombinationCount(ImmutableArray<SlotSpec> slots)
        {
            long total = 1;
            foreach (var slot in slots)
            {
                total = Math.Min(total * Math.Max(slot.ChoiceCount, 1), long.MaxValue / 512);
            }

            if (slots.Length > 0 && total > options.MaxCombinations)
            {
                Add("$.slots", $"has {total.ToString("N0", CultureInfo.InvariantCulture)} combinations, more than the maximum of {options.MaxCombinations.ToString("N0", CultureInfo.InvariantCulture)}");
            }
        }

        private bool ExpectObject(JsonElement element, string path, string[] knownFields)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Add(path, $"must be an object, is {Describe(element)}");
                return false;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (Array.IndexOf(knownFields, property.Name) < 0)
                {
                    Add($"{path}.{property.Name}", "unknown field");
                }
            }

            return true;
        }

        private bool TryGetRequired(JsonElement parent, string path, string name, out JsonElement value)
        {
            if (parent.TryGetProperty(name, out value))
            {
                return true;
            }

            Add($"{path}.{name}", "is required");
            return false;
        }

        private string? ReadId(JsonElement parent, string path, string name)
        {
            var id = ReadString(parent, path, name, required: true);
            if (id is null)
            {
                return null;
            }

            if (!SpecRules.IsValidId(id))
            {
                Add($"{path}.{name}", $"'{id}' must match ^[a-z0-9][a-z0-9-]{{0,62}}$");
                return null;
            }

            if (id == SpecRules.NoneChoice)
            {
                Add($"{path}.{name}", "'none' is reserved for a left-out optional slot");
                return null;
            }

            return id;
        }

        private string? ReadString(JsonElement parent, string path, string name, bool required)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                if (required)
                {
                    Add($"{path}.{name}", "is required");
                }

                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                Add($"{path}.{name}", $"must be a string, is {Describe(value)}");
                return null;
            }

            return value.GetString();
        }

        private int? ReadInt(JsonElement parent, string path, string name, int? defaultValue, int min, int max)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                if (defaultValue is null)
                {
                    Add($"{path}.{name}", "is required");
                }

                return defaultValue;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
            {
                Add($"{path}.{name}", $"must be a whole number from {min} to {max}, is {Describe(value)}");
                return null;
            }

            if (number < min || number > max)
            {
                Add($"{path}.{name}", $"{number} is out of range {min}..{max}");
                return null;
            }

            return number;
        }

        private bool? ReadBool(JsonElement parent, string path, string name)
        {
            if (!parent.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Add($"{path}.{name}", $"must be true or false, is {Describe(value)}");
                return null;
            }

            return value.GetBoolean();
        }

        private void Add(string path, string message)
        {
            if (Problems.Count < SpecRules.MaxListedProblems)
            {
                Problems.Add(new SpecProblem(path, message));
            }
            else
            {
                Unlisted++;
            }
        }

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{Shorten(value.GetString()!)}\"",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.Null => "null",
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            JsonValueKind.Array => "an array",
            _ => "an object",
        };

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
