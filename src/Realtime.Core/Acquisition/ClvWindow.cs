namespace Realtime.Core.Acquisition;

/// <summary>
/// CLV within <see cref="Days"/> days of registration, per registered customer: <see cref="Historical"/> is the net
/// revenue booked within the window, <see cref="Predicted"/> the model's expected revenue for the rest of the window of
/// customers younger than it (0 without a fitted model).
/// </summary>
public sealed record ClvWindow(int Days, double Historical, double Predicted)
{
    public double Total => Historical + Predicted;
}
