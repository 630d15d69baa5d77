namespace K2Orleans.Grains.Specs;

/// <summary>One reason a spec is refused: where (a JSON path such as <c>$.slots[1].options[0].image</c>) and why.</summary>
public sealed record SpecProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
