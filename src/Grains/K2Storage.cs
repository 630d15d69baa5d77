namespace K2Orleans.Grains;

/// <summary>The grain storage provider every K2Orleans grain state lives in.</summary>
public static class K2Storage
{
    public const string Name = "k2";
}
