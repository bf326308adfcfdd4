using System.Globalization;

namespace Realtime.LoadTests;

/// <summary>Command line of <c>scripts/bench &lt;scenario&gt; [options]</c>.</summary>
internal sealed record BenchOptions
{
    public required string Scenario { get; init; }

    /// <summary>How long each measured step of serve, freshness and limits runs. Default 30 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>serve: the fixed request rate (the step-up search starts from it); freshness: background events/s.</summary>
    public int? Rate { get; init; }

    /// <summary>Customers in the pre-loaded population. Default 100,000.</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>Products in the simulated catalog. Default 10,000.</summary>
    public int Products { get; init; } = 10_000;

    /// <summary>Events produced by the ingest scenario (per worker count). Default 300,000.</summary>
    public int Events { get; init; } = 300_000;

    /// <summary>An existing Redis (host:port) instead of a local redis-server.</summary>
    public string? Redis { get; init; }

    /// <summary>An existing Kafka (bootstrap servers) instead of the embedded mock broker.</summary>
    public string? Kafka { get; init; }

    /// <summary>Ingest worker-process counts to compare. Default 1 and 2.</summary>
    public IReadOnlyList<int> Workers { get; init; } = [1, 2];

    /// <summary>serve: the request mix, e.g. <c>getprofile</c> or <c>recommend=2,getprofile=1</c>. Default: the full mix.</summary>
    public string? Mix { get; init; }

    /// <summary>Shorter steps for CI smoke runs.</summary>
    public bool Smoke { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new ArgumentException("usage: bench <limits|serve|auth|ingest|freshness|memory|summary|all, or a comma list> [--duration 30s] [--rate N] [--customers N] [--products N] [--events N] [--workers 1,2] [--mix getprofile=1,recommend=2] [--redis host:port] [--kafka host:port] [--smoke]");
        }

        var o = new BenchOptions { Scenario = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--duration" => o with { Duration = ParseDuration(Next()) },
                "--rate" => o with { Rate = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--customers" => o with { Customers = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--products" => o with { Products = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--events" => o with { Events = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--workers" => o with { Workers = Next().Split(',').Select(w => int.Parse(w, CultureInfo.InvariantCulture)).ToArray() },
                "--redis" => o with { Redis = Next() },
                "--kafka" => o with { Kafka = Next() },
                "--mix" => o with { Mix = Next() },
                "--smoke" => o with { Smoke = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }

    /// <summary>30s, 500ms, 2m, or plain seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var t = text.Trim();
        return t.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(t[..^2], CultureInfo.InvariantCulture))
            : t.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(t[..^1], CultureInfo.InvariantCulture))
            : t.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(t[..^1], CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(double.Parse(t, CultureInfo.InvariantCulture));
    }
}
