namespace Realtime.Scoring.Training;

/// <summary>One calibration bin: examples whose score fell in [<see cref="Low"/>, <see cref="High"/>).</summary>
public sealed record CalibrationBin(double Low, double High, int Count, double MeanPredicted, double ObservedRate);
