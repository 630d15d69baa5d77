
namespace K2Orleans.Grains.Tests.Specs;

public sealed class SpecWriterTests
{
    [Fact]
    public void ShouldWriteASpecThatParsesBackToTheSameSpec()
    {
        var json = Some.SpecJson();
        json["canvas"]!["background"] = "#10203040";
        json["schedule"] = "0 3 * * *";
        json["slots"]![0]!["label"] = "Base";
        json["slots"]![0]!["default"] = "walnut";
        json["slots"]![0]!["options"]![0]!["label"] = "Black marble";
        var spec = new SpecParser().Parse(json.ToJsonString(), "/srv").Spec!;

        var written = SpecWriter.Write(spec);
        var again = new SpecParser().Parse(written, "/").Spec!;

        // Field by field: a field the writer forgot would come back as its default and differ here.
        Assert.Equal(written, SpecWriter.Write(again));
        Assert.Equal((spec.Slug, spec.Name, spec.Canvas, spec.AssetRoot, spec.Schedule), (again.Slug, again.Name, again.Canvas, again.AssetRoot, again.Schedule));
        Assert.Equal(spec.Slots.SelectMany(s => s.Options), again.Slots.SelectMany(s => s.Options));
        Assert.Equal(spec.Slots.Select(s => (s.Id, s.Optional, s.Label, s.Default)), again.Slots.Select(s => (s.Id, s.Optional, s.Label, s.Default)));
        Assert.Equal("Black marble", again.Slots[0].Options[0].Label);
        Assert.Equal((spec.Output.Format, spec.Output.Quality, spec.Output.PathTemplate), (again.Output.Format, again.Output.Quality, again.Output.PathTemplate));
        Assert.Equal(spec.Output.Sizes.ToArray(), again.Output.Sizes.ToArray());
    }
}
