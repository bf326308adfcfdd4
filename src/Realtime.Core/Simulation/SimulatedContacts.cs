using System.Security.Cryptography;
using System.Text;
using Realtime.Core.Events;

namespace Realtime.Core.Simulation;

/// <summary>
/// Contact fields on simulated registrations (with <see cref="SimulationOptions.MarketingSpend"/>): a country for three
/// in four customers and the SHA-256 of a made-up email for four in five, derived from the customer id, so seed
/// audiences in the demo carry the columns ad platforms match on.
/// </summary>
internal static class SimulatedContacts
{
    private static readonly string[] s_countries = ["DE", "FR", "NL", "GB", "ES", "IT"];

    public static void Add(List<CustomerEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Type != EventType.CustomerRegistered)
            {
                continue;
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{e.CustomerId}@example.com"));
            events[i] = e with
            {
                Country = e.Country ?? (hash[0] % 4 == 0 ? null : s_countries[hash[1] % s_countries.Length]),
                EmailSha256 = e.EmailSha256 ?? (hash[2] % 5 == 0 ? null : Convert.ToHexStringLower(hash)),
            };
        }
    }
}
