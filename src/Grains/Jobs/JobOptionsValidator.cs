using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Jobs;

/// <summary>Checks <see cref="JobOptions"/> at start-up; every message names its key.</summary>
public sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    private const string Prefix = JobOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static IEnumerable<string> Problems(JobOptions options)
    {
        if (options.TickInterval < TimeSpan.FromMilliseconds(50) || options.TickInterval > TimeSpan.FromMinutes(1))
        {
            yield return $"{Prefix}TickInterval must be 00:00:00.05..00:01:00, is {options.TickInterval}";
        }

        if (options.LivenessInterval < TimeSpan.FromMilliseconds(100) || options.LivenessInterval > TimeSpan.FromMinutes(10))
        {
            yield return $"{Prefix}LivenessInterval must be 00:00:00.1..00:10:00, is {options.LivenessInterval}";
        }

        if (options.BatchesPerRenderSlot is < 1 or > 64)
        {
            yield return $"{Prefix}BatchesPerRenderSlot must be 1..64, is {options.BatchesPerRenderSlot}";
        }
    }
}
