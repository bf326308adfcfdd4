using System.Globalization;
using Realtime.Core.Triggers;
using StackExchange.Redis;

namespace Realtime.Redis;

/// <summary>
/// The fields of a customer's trigger log hash: <c>s:&lt;key&gt;</c> = occurrence (Unix ms) last sent,
/// <c>p:&lt;key&gt;</c> = a pending catalog trigger as <c>at;old price;new price;category</c> (type and product are in the
/// key), <c>c</c> = recent trigger contacts (Unix ms, comma-separated, ascending).
/// </summary>
internal static class TriggerLogFields
{
    public static string Encode(PendingTrigger p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.AtMs};{p.OldPrice:R};{p.NewPrice:R};{p.Category}");

    public static TriggerLog Parse(HashEntry[] fields)
    {
        var log = new TriggerLog();
        foreach (var f in fields)
        {
            var name = (string)f.Name!;
            var value = (string)f.Value!;
            if (name.StartsWith("s:", StringComparison.Ordinal))
            {
                log.Sent[name[2..]] = long.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (name.StartsWith("p:", StringComparison.Ordinal) && ParsePending(name[2..], value) is { } pending)
            {
                log.Pending[pending.Key] = pending;
            }
            else if (name == "c" && value.Length > 0)
            {
                log.Contacts.AddRange(value.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture)).Order());
            }
        }

        return log;
    }

    private static PendingTrigger? ParsePending(string key, string value)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var parts = value.Split(';', 4);
        if (colon < 0 || parts.Length != 4)
        {
            return null; // written by a newer version: left for it
        }

        return new PendingTrigger(
            TriggerTypes.FromWire(key[..colon]),
            key[(colon + 1)..],
            parts[3].Length > 0 ? parts[3] : null,
            long.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}
