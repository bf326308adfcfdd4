namespace Realtime.Core.Events;

/// <summary>
/// Bounds on what one event may carry (DESIGN §2.8: nothing a producer sends may stall a partition or reach Redis or
/// a JSON writer as infinity). Each bound is far above any real store's values, and low enough that every sum the
/// engine keeps stays exact in a double and far from overflow. An event outside them is dead-lettered with a reason.
/// </summary>
public static class EventLimits
{
    /// <summary>Largest money amount of one event: an order total, a refund, an acquisition cost, a unit price, and
    /// also the value of one order computed from its lines (Σ quantity × unit price).</summary>
    public const double MaxAmount = 1e9;

    /// <summary>Largest quantity of one cart event or order line.</summary>
    public const int MaxQuantity = 1_000_000;

    /// <summary>Most lines of one order or return.</summary>
    public const int MaxLines = 500;

    /// <summary>Longest free-text label (category, channel, campaign, offer id).</summary>
    public const int MaxLabelLength = 64;

    /// <summary>Longest event id and order id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>How much user input an error message quotes, in characters (DLQ reasons and gRPC errors).</summary>
    public const int MaxQuotedLength = 64;

    /// <summary>The default of <c>Ingest:MaxFutureSkew</c>: how far ahead of the processing clock an event may be dated.</summary>
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromDays(1);

    /// <summary>The earliest accepted <c>occurred_at</c>.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="input"/> shortened for quoting in an error message: at most <see cref="MaxQuotedLength"/>
    /// characters, control characters replaced, "..." when cut. Producers and callers see what they sent without an
    /// 8 KB value blowing up a DLQ header or a gRPC status (which travels in the reply's metadata).
    /// </summary>
    public static string Quote(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var cut = input.Length > MaxQuotedLength;
        var span = input.AsSpan(0, cut ? MaxQuotedLength : input.Length);
        if (cut && char.IsHighSurrogate(span[^1]))
        {
            span = span[..^1];
        }

        return string.Create(span.Length + (cut ? 3 : 0), (input, span.Length, cut), static (dest, st) =>
        {
            for (var i = 0; i < st.Item2; i++)
            {
                var c = st.input[i];
                dest[i] = char.IsControl(c) ? '?' : c;
            }

            if (st.cut)
            {
                "...".AsSpan().CopyTo(dest[st.Item2..]);
            }
        });
    }
}
