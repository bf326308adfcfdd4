namespace Realtime.IntegrationTests;

/// <summary>
/// Tests that read process-wide gauges (the Redis connection, the serving model) run alone, after the parallel
/// collections: another engine connecting or failing meanwhile would move the same gauge. Own servers, same kind.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessGaugesCollection : ICollectionFixture<Servers>
{
    public const string Name = "process-gauges";
}
