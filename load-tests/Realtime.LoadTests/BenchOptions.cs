namespace Realtime.LoadTests;

/// <summary>Options of <c>scripts/bench &lt;scenario&gt; [options]</c> (parsed by <see cref="BenchCommand"/>).</summary>
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

    /// <summary>Show the population load's progress on stderr (also shown when stderr is a terminal).</summary>
    public bool Progress { get; init; }
}
