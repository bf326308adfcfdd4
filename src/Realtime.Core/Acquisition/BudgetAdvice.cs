namespace Realtime.Core.Acquisition;

/// <summary>What to do with a channel's or campaign's budget: <c>grow</c>, <c>hold</c> or <c>cut</c>, and why, in numbers.</summary>
public sealed record BudgetAdvice(string Action, string Reason)
{
    public const string Grow = "grow";
    public const string Hold = "hold";
    public const string Cut = "cut";
}
