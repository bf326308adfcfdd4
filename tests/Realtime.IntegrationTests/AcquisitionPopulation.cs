using Realtime.Core.Events;

namespace Realtime.IntegrationTests;

/// <summary>
/// A generated population for the acquisition tests, written here rather than taken from the simulator: registrations
/// over (channel, campaign) pairs, orders and refunds at random times after them, and daily or monthly marketing spend.
/// </summary>
internal static class AcquisitionPopulation
{
    public static readonly DateTimeOffset Start = new(2025, 1, 6, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = Start.AddDays(430);
    public static readonly (string Channel, string? Campaign)[] Pairs =
        [("email", "spring"), ("email", null), ("paid_social", "spring"), ("paid_social", "summer"), ("organic", null)];

    private static readonly string[] s_countries = ["DE", "FR", "NL"];
    private static readonly string[] s_categories = ["books", "garden", "toys", "kitchen"];

    public static List<CustomerEvent> Customers(int count, int seed)
    {
        var random = new Random(seed);
        var events = new List<CustomerEvent>();
        for (var c = 0; c < count; c++)
        {
            var id = $"acq{c:D4}";
            var (channel, campaign) = Pairs[random.Next(Pairs.Length)];
            var registered = Start.AddDays(random.Next(0, 400)).AddMinutes(random.Next(0, 1440));
            events.Add(new CustomerEvent
            {
                EventId = id + "-reg",
                Type = EventType.CustomerRegistered,
                CustomerId = id,
                OccurredAt = registered,
                Channel = channel,
                Campaign = campaign,
                AcquisitionCost = random.Next(0, 3) == 0 ? 0 : random.Next(5, 60),
                Country = c % 4 == 0 ? null : s_countries[c % 3],
                EmailSha256 = c % 5 == 0 ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{id}@example.com"))),
            });
            var orders = random.Next(0, 5);
            var t = registered;
            for (var o = 0; o < orders; o++)
            {
                t = t.AddDays(random.Next(0, 150)).AddHours(random.Next(1, 24));
                if (t >= Now)
                {
                    break;
                }

                var price = random.Next(10, 200);
                var category = s_categories[random.Next(s_categories.Length)];
                events.Add(new CustomerEvent
                {
                    EventId = $"{id}-o{o}",
                    Type = EventType.OrderPlaced,
                    CustomerId = id,
                    OccurredAt = t,
                    OrderId = $"{id}-{o}",
                    Amount = price,
                    Lines = [new OrderLine($"p-{category}", category, 1, price)],
                });
                if (random.Next(0, 6) == 0 && t.AddDays(10) < Now)
                {
                    events.Add(new CustomerEvent
                    {
                        EventId = $"{id}-r{o}",
                        Type = EventType.OrderReturned,
                        CustomerId = id,
                        OccurredAt = t.AddDays(10),
                        OrderId = $"{id}-{o}",
                        Amount = price / 2.0,
                    });
                }
            }
        }

        return events;
    }

    /// <summary>Spend for every pair but organic: monthly periods for email, weekly for paid social, some in the future.</summary>
    public static List<CustomerEvent> Spend(int seed)
    {
        var random = new Random(seed);
        var events = new List<CustomerEvent>();
        foreach (var (channel, campaign) in Pairs.Where(p => p.Channel != "organic"))
        {
            var length = channel == "email" ? 30 : 7;
            for (var start = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(random.Next(0, 20)); start < DateOnly.FromDateTime(Now.UtcDateTime).AddDays(20); start = start.AddDays(length + random.Next(0, 10)))
            {
                events.Add(new CustomerEvent
                {
                    EventId = $"spend-{channel}-{campaign}-{start:yyyyMMdd}",
                    Type = EventType.MarketingSpend,
                    CustomerId = string.Empty,
                    OccurredAt = Start,
                    Channel = channel,
                    Campaign = campaign,
                    Amount = random.Next(50, 400),
                    Currency = "EUR",
                    PeriodStart = start,
                    PeriodEnd = start.AddDays(length - 1),
                });
            }
        }

        return events;
    }
}
