namespace K2Orleans.Grains.WordPress;

/// <summary>The postmeta keys of contracts.md §4.</summary>
public static class PostMetaKeys
{
    public const string Spec = "_k2_trophy_spec";
    public const string Status = "_k2_build_status";
    public const string Job = "_k2_build_job";
    public const string Progress = "_k2_build_progress";
    public const string Error = "_k2_build_error";
}
