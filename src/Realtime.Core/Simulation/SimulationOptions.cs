namespace Realtime.Core.Simulation;

/// <summary>Size and shape of a simulated store (demo data, tests, load tests).</summary>
public sealed record SimulationOptions
{
    public int Seed { get; init; } = 42;

    public int Customers { get; init; } = 200;

    public int Products { get; init; } = 500;

    public int Categories { get; init; } = 12;

    /// <summary>First moment of the simulated history.</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Length of the history; customers register spread over its first two thirds.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(180);

    /// <summary>Emit a <c>product_upserted</c> for every product before the customer events.</summary>
    public bool IncludeCatalog { get; init; } = true;

    /// <summary>
    /// Emit weekly <c>marketing_spend</c> for the paid channels (Kafka key = channel; not a customer's event), and a
    /// country and email digest on most registrations. Off by default: tests that fold the simulated events per customer
    /// would otherwise have to leave the spend out.
    /// </summary>
    public bool MarketingSpend { get; init; }

    /// <summary>
    /// Add the material for triggered communications: birthdays, a re-ordered consumable, catalog changes near the end
    /// (<see cref="TriggerPatterns"/>; its own random stream, so the rest of the history is the same). Off by default so
    /// tests' histories stay as they were; <c>realtime demo</c> turns it on.
    /// </summary>
    public bool TriggerPatterns { get; init; }
}
