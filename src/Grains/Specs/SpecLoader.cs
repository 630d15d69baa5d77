namespace K2Orleans.Grains.Specs;

/// <summary>Reads a spec file; a relative <c>assetRoot</c> resolves against the file's folder.</summary>
public static class SpecLoader
{
    /// <summary>Spec files are small; anything bigger is a mistake, not a trophy.</summary>
    public const long MaxSpecBytes = 4 * 1024 * 1024;

    public static SpecResult LoadFile(string path, SpecParserOptions options)
    {
        string json;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return SpecResult.Refused([new SpecProblem("$", $"spec file '{path}' does not exist")]);
            }

            if (info.Length > MaxSpecBytes)
            {
                return SpecResult.Refused([new SpecProblem("$", $"spec file '{path}' is {info.Length} bytes, over the limit of {MaxSpecBytes}")]);
            }

            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return SpecResult.Refused([new SpecProblem("$", $"spec file '{path}' cannot be read: {e.Message}")]);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return new SpecParser(options).Parse(json, folder);
    }
}
