namespace Realtime.Scoring.Training;

/// <summary>
/// The model's ROC AUC minus the best baseline's on the same examples, with the 95% paired-bootstrap interval
/// (<see cref="PairedBootstrap"/>): a <see cref="Low"/> above 0 says the gain survives the sample's noise.
/// </summary>
public sealed record AucGain(string Baseline, double Gain, double Low, double High);
