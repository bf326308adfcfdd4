namespace Realtime.Core.Lifecycle;

/// <summary>
/// Lifecycle segments (DESIGN §4). A customer has one primary stage (<see cref="New"/>, <see cref="FirstTimeBuyer"/>,
/// <see cref="Active"/>, <see cref="Hero"/>, <see cref="AtRisk"/>, <see cref="Inactive"/>) and any number of flags
/// (<see cref="NegativeExperience"/>, <see cref="CartAbandoner"/>). Wire names are snake_case.
/// </summary>
public enum Segment
{
    New,
    FirstTimeBuyer,
    Active,
    Hero,
    AtRisk,
    Inactive,
    NegativeExperience,
    CartAbandoner,
}
