namespace Realtime.Scoring.Tests;

/// <summary>Tests sharing one trained model (training takes seconds; once per run is enough).</summary>
[CollectionDefinition(Name)]
public sealed class TrainedModelCollection : ICollectionFixture<TrainedModelFixture>
{
    public const string Name = "trained model";
}
