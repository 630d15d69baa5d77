using System.Text.Json.Nodes;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Rendering.Output;

namespace K2Orleans.Grains.Tests.Specs;

public sealed class SpecParserTests
{
    private const string Base = "/srv/k2/trophies";

    public static TheoryData<string, Action<JsonObject>, string, string> BadSpecs => new()
    {
        { "slug with capitals", s => s["slug"] = "Classic", "$.slug", "must match" },
        { "slug missing", s => s.Remove("slug"), "$.slug", "is required" },
        { "reserved option id", s => s["slots"]![0]!["options"]![0]!["id"] = "none", "$.slots[0].options[0].id", "reserved" },
        { "option id with underscore", s => s["slots"]![0]!["options"]![0]!["id"] = "black_marble", "$.slots[0].options[0].id", "must match" },
        { "duplicate slot id", s => s["slots"]![1]!["id"] = "base", "$.slots[1].id", "duplicate slot id 'base'" },
        { "duplicate option id", s => s["slots"]![0]!["options"]![1]!["id"] = "black-marble", "$.slots[0].options[1].id", "duplicate option id" },
        { "canvas too wide", s => s["canvas"]!["width"] = 8193, "$.canvas.width", "out of range 1..8192" },
        { "canvas zero height", s => s["canvas"]!["height"] = 0, "$.canvas.height", "out of range" },
        { "canvas width not a number", s => s["canvas"]!["width"] = "500", "$.canvas.width", "must be a whole number" },
        { "bad background", s => s["canvas"]!["background"] = "#12345", "$.canvas.background", "#rrggbb" },
        { "no slots", s => s["slots"] = new JsonArray(), "$.slots", "1 to 16 slots" },
        { "too many slots", s => s["slots"] = ManySlots(17), "$.slots", "1 to 16 slots" },
        { "no options", s => s["slots"]![1]!["options"] = new JsonArray(), "$.slots[1].options", "1 to 256 options" },
        { "image with ..", s => s["slots"]![0]!["options"]![0]!["image"] = "../../etc/passwd", "$.slots[0].options[0].image", "must not contain '..'" },
        { "absolute image path", s => s["slots"]![0]!["options"]![0]!["image"] = "/etc/passwd", "$.slots[0].options[0].image", "not absolute" },
        { "bad tint", s => s["slots"]![1]!["options"]![0]!["tint"] = "gold", "$.slots[1].options[0].tint", "#rrggbb" },
        { "tint with alpha", s => s["slots"]![1]!["options"]![0]!["tint"] = "#d4af37ff", "$.slots[1].options[0].tint", "#rrggbb" },
        { "unknown format", s => s["output"]!["format"] = "gif", "$.output.format", "png, jpg or webp" },
        { "quality zero", s => s["output"]!["quality"] = 0, "$.output.quality", "out of range 1..100" },
        { "unknown effort", s => s["output"]!["effort"] = "best", "$.output.effort", "'best' must be fast, default or max" },
        { "effort not a string", s => s["output"]!["effort"] = 9, "$.output.effort", "must be a string" },
        { "path escaping output root", s => s["output"]!["path"] = "{slug}/../{key}.{ext}", "$.output.path", "'..'" },
        { "absolute output path", s => s["output"]!["path"] = "/var/www/{key}.{ext}", "$.output.path", "relative path" },
        { "unknown placeholder", s => s["output"]!["path"] = "{slug}/{colour}/{key}.{ext}", "$.output.path", "unknown placeholder '{colour}'" },
        { "path without key", s => s["output"]!["path"] = "{slug}/{base}.{ext}", "$.output.path", "each combination gets its own file" },
        { "unbalanced brace", s => s["output"]!["path"] = "{slug}/{key.{ext}", "$.output.path", "unbalanced" },
        { "size wider than canvas", s => s["output"]!["sizes"]![0]!["width"] = 41, "$.output.sizes[0].width", "out of range 1..40" },
        { "bad size suffix", s => s["output"]!["sizes"]![0]!["suffix"] = "/thumb", "$.output.sizes[0].suffix", "must be 1 to 32" },
        { "unknown field", s => s["slots"]![2]!["optinal"] = true, "$.slots[2].optinal", "unknown field" },
        { "optional not a bool", s => s["slots"]![2]!["optional"] = "yes", "$.slots[2].optional", "true or false" },
        { "x out of range", s => s["slots"]![0]!["options"]![0]!["x"] = 99999, "$.slots[0].options[0].x", "out of range" },
        { "slot not an object", s => s["slots"]![0] = "base", "$.slots[0]", "must be an object" },
        { "too many combinations", s => s["slots"] = ManySlots(7, options: 10), "$.slots", "more than the maximum of 1,000,000" },
        { "schedule of four fields", s => s["schedule"] = "0 3 * *", "$.schedule", "'0 3 * *' is not a cron expression of 5 fields" },
        { "schedule out of range", s => s["schedule"] = "61 3 * * *", "$.schedule", "is not a cron expression" },
        { "schedule with seconds", s => s["schedule"] = "0 0 3 * * *", "$.schedule", "is not a cron expression of 5 fields" },
        { "blank schedule", s => s["schedule"] = "  ", "$.schedule", "must be a cron expression of 5 fields" },
        { "schedule not a string", s => s["schedule"] = 3, "$.schedule", "must be a string" },
        { "slug ending in a newline", s => s["slug"] = "cup\n", "$.slug", "must match" },
        { "option id ending in a newline", s => s["slots"]![0]!["options"]![0]!["id"] = "black\n", "$.slots[0].options[0].id", "must match" },
        { "template outside the slug folder", s => s["output"]!["path"] = "{key}.{ext}", "$.output.path", "must begin with '{slug}/'" },
        { "template naming another trophy", s => s["output"]!["path"] = "grand-prix/{key}.{ext}", "$.output.path", "must begin with '{slug}/'" },
        { "label too long", s => s["slots"]![0]!["label"] = new string('x', 101), "$.slots[0].label", "1 to 100 characters" },
        { "blank label", s => s["slots"]![0]!["options"]![0]!["label"] = "  ", "$.slots[0].options[0].label", "1 to 100 characters" },
        { "label with markup", s => s["slots"]![0]!["options"]![0]!["label"] = "<b>Black</b>", "$.slots[0].options[0].label", "plain text" },
        { "label with a newline", s => s["slots"]![0]!["label"] = "Base\nplate", "$.slots[0].label", "plain text" },
        { "default not an option", s => s["slots"]![0]!["default"] = "oak", "$.slots[0].default", "'oak' is not one of the slot's option ids" },
        { "none default of a required slot", s => s["slots"]![0]!["default"] = "none", "$.slots[0].default", "optional slots only" },
        { "canvas over the pixel limit", s => (s["canvas"]!["width"], s["canvas"]!["height"]) = (8192, 4096), "$.canvas", "Rendering:MaxImagePixels" },
    };

    [Fact]
    public void ShouldReadLabelsAndDefaultsWithoutChangingKeysOrFingerprints()
    {
        var plain = new SpecParser().Parse(Some.SpecJson().ToJsonString(), Base).Spec!;
        var json = Some.SpecJson();
        json["slots"]![0]!["label"] = "Base & plinth";
        json["slots"]![0]!["default"] = "walnut";
        json["slots"]![0]!["options"]![1]!["label"] = "Walnut \"Classic\"";
        json["slots"]![2]!["default"] = "none";

        var labelled = new SpecParser().Parse(json.ToJsonString(), Base).Spec!;

        Assert.Equal(("Base & plinth", "walnut"), (labelled.Slots[0].Label, labelled.Slots[0].Default));
        Assert.Equal("Walnut \"Classic\"", labelled.Slots[0].Options[1].Label);
        Assert.Null(labelled.Slots[1].Label);
        Assert.Equal("walnut_gold_none", new CombinationSpace(labelled).DefaultKey());
        Assert.Equal("black-marble_gold_star", new CombinationSpace(plain).DefaultKey());
        Assert.Equal(new CombinationSpace(plain).KeyOf(3), new CombinationSpace(labelled).KeyOf(3));
        Assert.Equal(InputFingerprint.OfSpec(plain), InputFingerprint.OfSpec(labelled));
        Assert.Equal(
            InputFingerprint.Add(0, 0, plain.Slots[0].Options[1], 7),
            InputFingerprint.Add(0, 0, labelled.Slots[0].Options[1], 7));
    }

    [Fact]
    public void ShouldListAHundredProblemsAndCountTheRest()
    {
        // 16 slots of 256 options with a bad id each: 4,096 problems (such specs once printed 258 MB).
        var json = Some.SpecJson();
        json["slots"] = new JsonArray([.. Enumerable.Range(0, 16).Select(s => (JsonNode)new JsonObject
        {
            ["id"] = $"s{s}",
            ["options"] = new JsonArray([.. Enumerable.Range(0, 256).Select(o => (JsonNode)new JsonObject { ["id"] = $"Bad {o}", ["image"] = "x.png" })]),
        })]);

        var problems = new SpecParser().Parse(json.ToJsonString(), Base).Problems;

        Assert.Equal(SpecRules.MaxListedProblems + 1, problems.Count);
        Assert.Equal("$: and 3996 more problems not listed", problems[^1].ToString());
    }

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void ShouldRefuseBadSpecNamingPathAndReason(string name, Action<JsonObject> breakIt, string path, string reason)
    {
        var json = Some.SpecJson();
        breakIt(json);

        var result = new SpecParser().Parse(json.ToJsonString(), Base);

        Assert.False(result.IsValid, name);
        Assert.Null(result.Spec);
        Assert.Contains(result.Problems, p => p.Path == path && p.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void ShouldListEveryProblemAtOnce()
    {
        var json = Some.SpecJson();
        json["slug"] = "Bad Slug";
        json["canvas"]!["width"] = -1;
        json["slots"]![0]!["options"]![1]!["image"] = "../x.png";
        json["output"]!["quality"] = 101;

        var problems = new SpecParser().Parse(json.ToJsonString(), Base).Problems.Select(p => p.Path);

        Assert.Equal(["$.canvas.width", "$.output.quality", "$.slots[0].options[1].image", "$.slug"], problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ShouldRefuseMalformedJsonWithItsPosition()
    {
        var result = new SpecParser().Parse("{ \"slug\": \"a\",\n  \"canvas\": }", Base);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("$", problem.Path);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
        Assert.Contains("LineNumber: 1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShouldReadValidSpecWithDefaultsAndResolvedAssetRoot()
    {
        var json = Some.SpecJson();
        json.Remove("name");
        ((JsonObject)json["output"]!).Remove("quality");
        ((JsonObject)json["slots"]![0]!["options"]![0]!).Remove("x");

        var result = new SpecParser().Parse(json.ToJsonString(), Base);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var spec = result.Spec!;
        Assert.Equal("classic-cup", spec.Name);
        Assert.Equal(Path.Combine(Base, "assets"), spec.AssetRoot);
        Assert.Equal(0, spec.Slots[0].Options[0].X);
        Assert.Equal(75, spec.Output.Quality);
        Assert.Equal(OutputEffort.Default, spec.Output.Effort);
        Assert.Equal(0xd4af37u, spec.Slots[1].Options[0].Tint);
        Assert.True(spec.Slots[2].Optional);
        Assert.Equal(2, spec.Slots[2].ChoiceCount);
        Assert.Equal(new SizeSpec("-thumb", 20), Assert.Single(spec.Output.Sizes));
        Assert.Null(spec.Schedule);
    }

    [Theory]
    [InlineData("fast", OutputEffort.Fast)]
    [InlineData("default", OutputEffort.Default)]
    [InlineData("max", OutputEffort.Max)]
    public void ShouldReadEveryEffortBesideTheQualityAndWriteItBack(string text, OutputEffort effort)
    {
        var json = Some.SpecJson();
        json["output"]!["effort"] = text;

        var result = new SpecParser().Parse(json.ToJsonString(), Base);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal((effort, 75), (result.Spec!.Output.Effort, result.Spec.Output.Quality));
        var reread = new SpecParser().Parse(SpecWriter.Write(result.Spec), Base);
        Assert.Equal(effort, reread.Spec!.Output.Effort);
    }

    [Fact]
    public void ShouldReadScheduleTrimmed()
    {
        var json = Some.SpecJson();
        json["schedule"] = " 30 2 * * 1-5 ";

        var result = new SpecParser().Parse(json.ToJsonString(), Base);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("30 2 * * 1-5", result.Spec!.Schedule);
    }

    [Fact]
    public void ShouldConfineWordPressAssetRootToConfiguredRoot()
    {
        var json = Some.SpecJson();
        json["assetRoot"] = "../other-site";

        var result = new SpecParser().Parse(json.ToJsonString(), Base, confineToBase: true);

        Assert.Contains(result.Problems, p => p.Path == "$.assetRoot" && p.Message.Contains("leaves the configured asset root", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("./")]
    [InlineData("classic-cup/../")]
    public void ShouldAcceptTheConfiguredRootItselfAsWordPressAssetRoot(string assetRoot)
    {
        var json = Some.SpecJson();
        json["assetRoot"] = assetRoot;

        var result = new SpecParser().Parse(json.ToJsonString(), Base, confineToBase: true);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal(Base, Path.TrimEndingDirectorySeparator(result.Spec!.AssetRoot));
    }

    [Fact]
    public void ShouldHonourConfiguredCombinationMaximum()
    {
        var parser = new SpecParser(new SpecParserOptions { MaxCombinations = 3 });

        var result = parser.Parse(Some.SpecJson().ToJsonString(), Base);

        Assert.Contains(result.Problems, p => p.Path == "$.slots" && p.Message.Contains("has 4 combinations", StringComparison.Ordinal));
    }

    private static JsonArray ManySlots(int count, int options = 1)
    {
        var slots = new JsonArray();
        for (var s = 0; s < count; s++)
        {
            var list = new JsonArray();
            for (var o = 0; o < options; o++)
            {
                list.Add(new JsonObject { ["id"] = $"o{o}", ["image"] = "base/black.png" });
            }

            slots.Add(new JsonObject { ["id"] = $"s{s}", ["options"] = list });
        }

        return slots;
    }
}
