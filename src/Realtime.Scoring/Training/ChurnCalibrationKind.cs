namespace Realtime.Scoring.Training;

/// <summary>The calibration fitted on the validation part (<see cref="PlattCalibration"/>, <see cref="IsotonicCalibration"/>).</summary>
public enum ChurnCalibrationKind
{
    Platt,
    Isotonic,
}
