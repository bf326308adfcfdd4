using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Realtime.Grpc.Security;

/// <summary>Reflection and call limits of the gRPC API (keys under section <c>Api</c>).</summary>
public sealed class ApiLimitOptions
{
    public const string SectionName = "Api";

    /// <summary>Serve gRPC server reflection (to any valid credential). Default true.</summary>
    public bool Reflection { get; set; } = true;

    /// <summary>
    /// Most server-streaming calls (StreamAtRiskCustomers, ListSegmentMembers: each scans the keyspace) running at once
    /// in this process; more answer RESOURCE_EXHAUSTED. Default 4.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentStreams { get; set; } = 4;
}

/// <summary>
/// One scope's token bucket, per client: <c>Api:RateLimits:&lt;scope&gt;:PerSecond</c> / <c>:Burst</c>, e.g.
/// <c>Api:RateLimits:recommendations:read:PerSecond=200</c> (the scope's own colon nests one level deeper, which
/// <see cref="RateLimitOptions.Read"/> undoes). A scope not listed is not rate limited; none is by default.
/// </summary>
public sealed class RateLimitOptions
{
    private static readonly RateLimitOptionsValidator s_validator = new();

    /// <summary>Tokens added per second (sustained calls per second per client).</summary>
    [Range(1, 1_000_000)]
    public int PerSecond { get; set; } = 100;

    /// <summary>Bucket size (calls a client may make at once after being idle). Default: one second's worth.</summary>
    [Range(0, 10_000_000)]
    public int Burst { get; set; }

    /// <summary>The buckets under <paramref name="section"/> (<c>Api:RateLimits</c>), by scope; an invalid one fails with its key.</summary>
    public static Dictionary<string, RateLimitOptions> Read(IConfigurationSection section)
    {
        var limits = new Dictionary<string, RateLimitOptions>(StringComparer.Ordinal);
        Collect(section, section.Path, limits);
        return limits;
    }

    private static void Collect(IConfigurationSection section, string root, Dictionary<string, RateLimitOptions> limits)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.GetSection(nameof(PerSecond)).Value is null && child.GetSection(nameof(Burst)).Value is null)
            {
                Collect(child, root, limits);
                continue;
            }

            var limit = child.Get<RateLimitOptions>() ?? new RateLimitOptions();
            if (s_validator.Validate(child.Path, limit) is { Failed: true } result)
            {
                throw new InvalidOperationException($"{child.Path}: {result.FailureMessage}");
            }

            limits[child.Path[(root.Length + 1)..]] = limit;
        }
    }
}
