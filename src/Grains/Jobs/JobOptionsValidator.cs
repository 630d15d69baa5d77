using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Jobs;

/// <summary>
/// The bounds of the <c>Jobs</c> section, checked at start-up: a job ticking or polling its batches too often keeps
/// its grain busy, too seldom leaves lost batches unnoticed. Every message names its key.
/// </summary>
public sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var problems = new List<string>();
        CheckRange(problems, nameof(options.TickInterval), options.TickInterval, (TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(1)), "00:00:00.05..00:01:00");
        CheckRange(problems, nameof(options.LivenessInterval), options.LivenessInterval, (TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)), "00:00:00.1..00:10:00");
        if (options.BatchesPerRenderSlot is < 1 or > 64)
        {
            problems.Add($"{JobOptions.SectionName}:{nameof(options.BatchesPerRenderSlot)} must be 1..64, is {options.BatchesPerRenderSlot}");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckRange(List<string> problems, string key, TimeSpan value, (TimeSpan Min, TimeSpan Max) range, string shown)
    {
        if (value < range.Min || value > range.Max)
        {
            problems.Add($"{JobOptions.SectionName}:{key} must be {shown}, is {value}");
        }
    }
}
