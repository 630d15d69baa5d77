using System.Text;
using K2Orleans.Grains.Specs;

namespace K2Orleans.Grains.WordPress;

/// <summary>The <c>_k2_build_error</c> text: plain lines for the editor, never markup (the plugin escapes it).</summary>
public static class BuildErrors
{
    /// <summary>Enough for every problem of any sane spec; the rest is counted, not listed.</summary>
    public const int MaxLines = 100;

    public static string SpecRefused(IReadOnlyList<SpecProblem> problems) =>
        Lines($"The spec was refused ({Count(problems.Count, "problem")}):", problems.Select(p => p.ToString()).ToList());

    /// <param name="postStatus">WordPress's <c>post_status</c>; null when the post is gone.</param>
    public static string NotPublished(string? postStatus) =>
        $"Not built: only published trophies are built, and this one is {postStatus ?? "deleted"}. Publish it, then build again.";

    public static string SlugTaken(string slug, long ownerPostId, string ownerTitle) =>
        $"Not built: the slug '{slug}' belongs to trophy post {ownerPostId} ('{ownerTitle}'), and its images would be overwritten. " +
        "Slugs are unique across trophies; give this one its own slug, then build again.";

    public static string JobEnded(JobSnapshot job)
    {
        var head = job.Status == JobState.Failed
            ? $"Job {job.Id} failed: {Count(job.Failed, "image")} could not be rendered."
            : $"Job {job.Id} finished, but {Count(job.Failed, "image")} could not be rendered.";
        return Lines(head, job.Errors.Select(e => $"{e.Key}: {e.Message}").ToList());
    }

    private static string Lines(string head, IReadOnlyList<string> lines)
    {
        var text = new StringBuilder(head);
        foreach (var line in lines.Take(MaxLines))
        {
            text.Append('\n').Append(line);
        }

        if (lines.Count > MaxLines)
        {
            text.Append('\n').Append($"... and {lines.Count - MaxLines} more");
        }

        return text.ToString();
    }

    private static string Count(long n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
