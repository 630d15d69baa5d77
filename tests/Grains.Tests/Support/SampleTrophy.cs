using K2Orleans.GrainInterfaces.Jobs;
using K2Orleans.TestSupport;

namespace K2Orleans.Grains.Tests.Support;

/// <summary>A job request for a committed sample trophy on a small canvas.</summary>
public static class SampleTrophy
{
    public static JobRequest Request(string sample, string outputRoot, int width, int height, int batchSize, bool force = false)
    {
        var result = new SpecParser().Parse(SampleSpec.Json(sample, width, height), SampleSpec.Folder(sample));
        if (!result.IsValid)
        {
            throw new InvalidOperationException(string.Join("; ", result.Problems));
        }

        return new JobRequest(result.Spec!, outputRoot, force, batchSize);
    }
}
