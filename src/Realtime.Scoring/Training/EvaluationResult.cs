namespace Realtime.Scoring.Training;

/// <summary>What <c>realtime evaluate</c> found: the report, every example's score, and the overlap with the training customers.</summary>
/// <param name="Report">The model's and the baselines' metrics.</param>
/// <param name="Scores">Every evaluated example's score and label (for <c>--scores-out</c>).</param>
/// <param name="Customers">Distinct customers evaluated.</param>
/// <param name="SeenInTraining">Of those, how many the model was trained or validated on (by id hash); null when the version does not record it.</param>
public sealed record EvaluationResult(ModelReport Report, IReadOnlyList<CustomerScore> Scores, int Customers, int? SeenInTraining);
