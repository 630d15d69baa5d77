using K2Orleans.GrainInterfaces.Batches;
using K2Orleans.Grains.Combinations;
using K2Orleans.Grains.Planning;
using K2Orleans.Grains.Rendering;
using K2Orleans.Grains.Specs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2Orleans.Grains.Requests;

/// <summary>
/// The one check every job request passes in the grains themselves, whoever sent it: the spec is read again with
/// the same parser and limits as <c>k2 validate</c>, and its folders must lie in the allowed roots. The grains never
/// rely on a caller having checked: the gateway port accepts any Orleans client.
/// </summary>
public sealed partial class JobRequestGate(IOptions<RenderingOptions> rendering, AllowedRoots roots, ILogger<JobRequestGate> logger)
{
    /// <summary>Every reason the request is refused, each naming its rule; empty when it may run.</summary>
    public IReadOnlyList<string> Check(JobRequest? request)
    {
        if (request is null)
        {
            return ["the request is missing"];
        }

        if (request.Spec is null)
        {
            return ["the request has no spec"];
        }

        var problems = new List<string>();
        var parsed = new SpecParser(SpecParserOptions.For(rendering.Value)).Parse(SpecWriter.Write(request.Spec), "/");
        problems.AddRange(parsed.Problems.Select(p => $"spec {p}"));
        if (!Path.IsPathFullyQualified(request.Spec.AssetRoot ?? ""))
        {
            problems.Add($"asset root '{request.Spec.AssetRoot}' must be an absolute folder path");
        }
        else if (roots.AssetProblem(request.Spec.AssetRoot) is { } asset)
        {
            problems.Add(asset);
        }

        if (roots.OutputProblem(request.OutputRoot) is { } output)
        {
            problems.Add(output);
        }

        if (request.BatchSize is < 1 or > BatchPlan.MaxBatchSize)
        {
            problems.Add($"batch size {request.BatchSize} must be 1..{BatchPlan.MaxBatchSize}");
        }

        // Problems quote what the caller sent; a newline in it must not start a new log or syslog line.
        return [.. problems.Select(Printable)];
    }

    /// <summary>Throws <see cref="RequestRefusedException"/> (logged once here) when the request breaks a rule.</summary>
    public void Enforce(JobRequest? request, string caller)
    {
        var problems = Check(request);
        if (problems.Count > 0)
        {
            LogRefused(logger, caller, Printable(request?.Spec?.Slug ?? ""), string.Join("; ", problems));
            throw new RequestRefusedException(problems);
        }
    }

    /// <summary>A batch's work: its request, and a range inside the trophy's combinations.</summary>
    public void Enforce(BatchWork? work, string caller)
    {
        Enforce(work?.Request, caller);
        var total = new CombinationSpace(work!.Request.Spec).Total;
        if (work.Range.Start < 0 || work.Range.Count is < 1 or > BatchPlan.MaxBatchSize || work.Range.Start + work.Range.Count > total)
        {
            var problem = $"batch range {work.Range.Start}+{work.Range.Count} is outside the trophy's {total} combinations or over {BatchPlan.MaxBatchSize} images";
            LogRefused(logger, caller, work.Request.Spec.Slug, problem);
            throw new RequestRefusedException([problem]);
        }
    }

    /// <summary>Control characters written as \uXXXX.</summary>
    public static string Printable(string text) => text.Any(char.IsControl)
        ? string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
        : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Caller} refused a request for trophy {Trophy}: {Problems}")]
    private static partial void LogRefused(ILogger logger, string caller, string? trophy, string problems);
}
