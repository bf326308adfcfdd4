using System.Diagnostics;
using Microsoft.Extensions.Options;
using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Simulation;
using Realtime.Core.State;
using Realtime.Evaluation;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.LoadTests;

/// <summary>
/// The pre-loaded store: <see cref="StoreSimulator"/>'s history (Zipf-skewed products, customers with their own rhythms)
/// folded with <see cref="CustomerFold"/> in memory and written with <see cref="RedisCustomerStateStore.SaveAsync"/>
/// (the ingest path's Lua compare-and-set), instead of pushing the whole history through Kafka: same bytes in Redis,
/// minutes faster. Also measures Redis memory per customer.
/// </summary>
internal sealed class Population
{
    private Population(string[] customerIds, SimulatedCatalog catalog, SimulationOptions simulation)
    {
        CustomerIds = customerIds;
        Catalog = catalog;
        Simulation = simulation;
    }

    public string[] CustomerIds { get; }

    public SimulatedCatalog Catalog { get; }

    public SimulationOptions Simulation { get; }

    public static async Task<Population> LoadAsync(BenchEnvironment env, Results results)
    {
        var o = env.Options;
        var simulation = new SimulationOptions
        {
            Customers = o.Customers,
            Products = o.Products,
            Categories = 40,
            IncludeCatalog = true,
            Start = DateTimeOffset.UtcNow.AddDays(-180),
            Span = TimeSpan.FromDays(180),
        };
        s_products = simulation.Products;
        var server = env.Redis.GetServer(env.Redis.GetEndPoints()[0]);
        var before = UsedMemory(server);
        var clock = Stopwatch.StartNew();
        var states = new Dictionary<string, CustomerState>(o.Customers, StringComparer.Ordinal);
        long events = 0;

        // Item statistics go through the same signal update and Redis writer as ingest, so Recommend has real
        // neighbours and trending lists, and the memory figure includes them (as the target defines it).
        var signalOptions = new ItemSignalOptions();
        var writer = new RedisItemSignalWriter(env.Redis, new ItemSignalKeys(new RedisKeys(env.KeyPrefix)), Options.Create(signalOptions));
        var signals = new ItemSignalBatch();
        var noCustomer = new CustomerState(string.Empty);
        foreach (var e in StoreSimulator.Generate(simulation))
        {
            if (e.Type == EventType.ProductUpserted)
            {
                ItemSignalUpdate.Compute(noCustomer, e, signalOptions, signals);
                continue;
            }

            if (!states.TryGetValue(e.CustomerId, out var s))
            {
                states[e.CustomerId] = s = new CustomerState(e.CustomerId);
            }

            ItemSignalUpdate.Compute(s, e, signalOptions, signals);
            CustomerFold.Apply(s, e);
            events++;
            if (signals.Increments.Count >= 50_000)
            {
                await writer.WriteAsync(signals, CancellationToken.None);
                signals.Clear();
            }
        }

        await writer.WriteAsync(signals, CancellationToken.None);
        var afterItems = UsedMemory(server);
        Results.Note($"population: {states.Count} customers, {simulation.Products} products, {events} history events simulated, folded and item statistics written in {clock.Elapsed.TotalSeconds:F1} s");
        clock.Restart();
        var store = new RedisCustomerStateStore(env.Redis, new RedisKeys(env.KeyPrefix));
        var all = states.Values.ToArray();
        long encodedBytes = 0;
        foreach (var s in all)
        {
            encodedBytes += StateCodec.Encode(s).Length;
        }

        const int Batch = 2000;
        using var meter = ProgressMeter.Start("population states written", all.Length, o.Progress);
        for (var i = 0; i < all.Length; i += Batch * 4)
        {
            // Four pipelined batches in flight at a time.
            var writes = Enumerable.Range(0, 4).Select(k => i + (k * Batch)).Where(start => start < all.Length)
                .Select(start => store.SaveAsync(all.AsSpan(start, Math.Min(Batch, all.Length - start)).ToArray(), CancellationToken.None));
            await Task.WhenAll(writes);
            meter.Advance(Math.Min(Batch * 4, all.Length - i));
        }

        await Task.Delay(200); // let the server release query buffers of the last pipelines
        var after = UsedMemory(server);
        long sampled = 0;
        var sample = all.Take(1000).ToArray();
        foreach (var s in sample)
        {
            sampled += (long)await env.Redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", new RedisKeys(env.KeyPrefix).Customer(s.CustomerId), "SAMPLES", "0");
        }

        Results.Note($"population written to Redis in {clock.Elapsed.TotalSeconds:F1} s ({all.Length / clock.Elapsed.TotalSeconds:F0} states/s, Lua compare-and-set)");
        results.Report("state_encoded_bytes_avg", encodedBytes / (double)all.Length, "B");
        results.Report("redis_bytes_per_customer", (after - before) / (double)all.Length, "B");
        results.Report("redis_state_bytes_per_customer", (after - afterItems) / (double)all.Length, "B");
        results.Report("redis_item_bytes_per_product", (afterItems - before) / (double)simulation.Products, "B");
        results.Report("redis_memory_usage_per_key_avg", sampled / (double)sample.Length, "B");
        results.Report("population_customers", all.Length, "customers");
        return new Population(states.Keys.ToArray(), SimulatedCatalog.Create(simulation, new Random(simulation.Seed)), simulation);
    }

    private static int s_products = 10_000;

    /// <summary>The product page a customer is looking at: skewed towards popular products, stable per customer.</summary>
    public static string ProductId(string customerId)
    {
        var u = (StableHash.Of(customerId) % 1_000_000) / 1_000_000.0;
        return $"p{(int)(u * u * u * s_products):D5}";
    }

    /// <summary>A customer with a skewed popularity: pdf ∝ rank^-0.5, so the top 1% of customers get ~10% of traffic.</summary>
    public string PickCustomer(Random random)
    {
        var u = random.NextDouble();
        return CustomerIds[Math.Min((int)(u * u * CustomerIds.Length), CustomerIds.Length - 1)];
    }

    private static long UsedMemory(IServer server)
    {
        var info = server.Info("memory").SelectMany(g => g).First(kv => kv.Key == "used_memory");
        return long.Parse(info.Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
