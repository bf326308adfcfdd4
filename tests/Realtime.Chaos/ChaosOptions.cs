using System.Globalization;

namespace Realtime.Chaos;

/// <summary>
/// Command line of the harness: <c>[scenario ...|all] [--short] [--customers N] [--events-per-customer N]
/// [--produce-seconds N] [--partitions N] [--recovery-bound N] [--settle N] [--work-dir DIR] [--keep]</c>.
/// </summary>
internal sealed class ChaosOptions
{
    public List<string> Scenarios { get; } = [];

    public bool Short { get; private set; }

    public int Customers { get; private set; } = 500;

    public int EventsPerCustomer { get; private set; } = 200;

    /// <summary>The stream is paced over this long so faults land mid-stream.</summary>
    public double ProduceSeconds { get; private set; } = 20;

    public int Partitions { get; private set; } = 8;

    public int SessionTimeoutMs { get; private set; } = 3000;

    /// <summary>A scenario fails if states do not match this long after the fault ended and the stream was produced.</summary>
    public double RecoveryBoundSeconds { get; private set; } = 90;

    /// <summary>Give up early when neither lag nor the states changed for this long (a stall or a permanent loss).</summary>
    public double SettleSeconds { get; private set; } = 20;

    public string? WorkDir { get; private set; }

    public bool Keep { get; private set; }

    public static ChaosOptions Parse(string[] args)
    {
        var o = new ChaosOptions();
        // --short first, so explicit sizes given with it still win.
        if (args.Contains("--short"))
        {
            o.Short = true;
            o.Customers = 200;
            o.EventsPerCustomer = 100;
            o.ProduceSeconds = 8;
            o.RecoveryBoundSeconds = 45;
            o.SettleSeconds = 15;
        }

        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            double Double() => double.Parse(Value(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--short": break;
                case "--customers": o.Customers = Int(); break;
                case "--events-per-customer": o.EventsPerCustomer = Int(); break;
                case "--produce-seconds": o.ProduceSeconds = Double(); break;
                case "--partitions": o.Partitions = Int(); break;
                case "--session-timeout-ms": o.SessionTimeoutMs = Int(); break;
                case "--recovery-bound": o.RecoveryBoundSeconds = Double(); break;
                case "--settle": o.SettleSeconds = Double(); break;
                case "--work-dir": o.WorkDir = Value(); break;
                case "--keep": o.Keep = true; break;
                case var s when s.StartsWith('-'): throw new ArgumentException($"unknown option {s}");
                case var s: o.Scenarios.Add(s); break;
            }
        }

        if (o.Scenarios.Count == 0 || o.Scenarios.Contains("all"))
        {
            o.Scenarios.Clear();
            o.Scenarios.AddRange(Chaos.Scenarios.All.Select(s => s.Name));
        }

        foreach (var name in o.Scenarios.Where(n => Chaos.Scenarios.Find(n) is null))
        {
            throw new ArgumentException($"unknown scenario '{name}'; known: {string.Join(", ", Chaos.Scenarios.All.Select(s => s.Name))}, all");
        }

        return o;
    }
}
