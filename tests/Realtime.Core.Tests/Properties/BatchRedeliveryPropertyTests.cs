using CsCheck;
using Realtime.Core.Events;
using Realtime.Core.Ingest;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Properties;

/// <summary>
/// Exactly-once effect (DESIGN §2.4) as a property: whatever prefixes of a stream are re-delivered, however often, and
/// however the deliveries are cut into batches, the states and purchase histories equal those of one clean pass.
/// Between batches states and histories go through their codecs and the position is kept beside them, as the Redis
/// store does (a history is written only when the batch changed it, as its compare-and-set does); the history's
/// bound is small here so that evictions happen.
/// </summary>
public sealed class BatchRedeliveryPropertyTests
{
    private const int Partitions = 2;
    private const int HistoryMaxProducts = 3;

    /// <summary>A stream and a delivery schedule: chunks [start, end) of the stream, each starting at or before what was
    /// delivered so far (a re-delivery after a crash or rebalance), the last reaching the end; then batch sizes.</summary>
    private static readonly Gen<(List<CustomerEvent> Stream, List<(int Start, int End)> Chunks, List<int> Batches)> s_case =
        EventGen.Event.List[1, 40].SelectMany(stream =>
            Gen.Select(Gen.Int[0, 1000].Array[1, 6], Gen.Int[0, 1000].Array[1, 6], Gen.Int[1, 12].List[1, 30])
                .Select((starts, ends, batches) => (stream, Schedule(stream.Count, starts, ends), batches)));

    [Fact]
    public void Any_redelivery_of_any_prefix_in_any_batch_split_gives_the_states_and_histories_of_one_clean_pass()
    {
        s_case.Sample(c =>
        {
            foreach (var e in c.Stream)
            {
                Assert.Null(EventValidator.Validate(e, EventGen.Now, TimeSpan.Zero));
            }

            var records = ToRecords(c.Stream);
            var clean = new Dictionary<string, Stored>(StringComparer.Ordinal);
            Process(clean, records);

            var delivered = c.Chunks.SelectMany(ch => records.Skip(ch.Start).Take(ch.End - ch.Start)).ToList();
            var redelivered = new Dictionary<string, Stored>(StringComparer.Ordinal);
            var next = 0;
            for (var b = 0; next < delivered.Count; b++)
            {
                var size = c.Batches[b % c.Batches.Count];
                Process(redelivered, delivered.Skip(next).Take(size).ToList());
                next += size;
            }

            Assert.Equal(clean.Keys.Order(), redelivered.Keys.Order());
            foreach (var (id, expected) in clean)
            {
                var actual = redelivered[id];
                Assert.Equal((expected.Partition, expected.Offset), (actual.Partition, actual.Offset));
                Assert.Equal(Convert.ToHexString(expected.Bytes), Convert.ToHexString(actual.Bytes));
                Assert.Equal(Convert.ToHexString(expected.History ?? []), Convert.ToHexString(actual.History ?? []));
            }
        }, threads: 1, iter: 300);
    }

    private static List<(int Start, int End)> Schedule(int n, int[] starts, int[] ends)
    {
        var chunks = new List<(int, int)>();
        var delivered = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            var start = starts[i] % (Math.Min(delivered, n - 1) + 1); // at or before what was delivered so far
            var end = start + 1 + (ends[i % ends.Length] % (n - start));
            chunks.Add((start, end));
            delivered = Math.Max(delivered, end);
        }

        if (delivered < n)
        {
            chunks.Add((delivered, n));
        }

        return chunks;
    }

    private static List<IngestRecord> ToRecords(List<CustomerEvent> stream)
    {
        var offsets = new long[Partitions];
        return stream.Select(e =>
        {
            var partition = (int)(StableHash.Of(e.CustomerId) % Partitions);
            return new IngestRecord(e, partition, offsets[partition]++);
        }).ToList();
    }

    /// <summary>One ingest batch against a Redis-like store: load (decode), fold, write back (encode with the budget) only
    /// what the compare-and-set would accept (a position not behind the stored one).</summary>
    private static void Process(Dictionary<string, Stored> store, List<IngestRecord> batch)
    {
        var loaded = new Dictionary<string, CustomerState>(StringComparer.Ordinal);
        foreach (var id in batch.Select(r => r.Event.CustomerId).Distinct())
        {
            if (store.TryGetValue(id, out var s))
            {
                var state = StateCodec.Decode(id, s.Bytes);
                state.LastPartition = s.Partition;
                state.LastOffset = s.Offset;
                state.History = s.History is null ? null : PurchaseHistoryCodec.Decode(s.History);
                loaded[id] = state;
            }
        }

        foreach (var (id, state) in BatchFolder.Fold(batch, loaded, HistoryMaxProducts).Changed)
        {
            if (!store.TryGetValue(id, out var old) || old.Partition != state.LastPartition || state.LastOffset >= old.Offset)
            {
                var history = state.History is { } held ? PurchaseHistoryCodec.Encode(held) : old?.History;
                store[id] = new Stored(StateCodec.Encode(state), state.LastPartition, state.LastOffset, history);
            }
        }
    }

    private sealed record Stored(byte[] Bytes, int Partition, long Offset, byte[]? History);
}
