using System.Text.Json;

namespace Realtime.Core.Offers;

/// <summary>snake_case wire names of offer enums (<c>suppressed_after_purchase</c>, <c>second_purchase</c>), as in the catalog.</summary>
public static class OfferWireNames
{
    private static readonly string[] s_verdicts = Enum.GetValues<OfferVerdict>().Select(v => Convert(v.ToString())).ToArray();
    private static readonly string[] s_kinds = Enum.GetValues<OfferKind>().Select(k => Convert(k.ToString())).ToArray();

    /// <summary>The wire name of a verdict.</summary>
    public static string ToWire(this OfferVerdict verdict) => s_verdicts[(int)verdict];

    /// <summary>The wire name of a kind.</summary>
    public static string ToWire(this OfferKind kind) => s_kinds[(int)kind];

    private static string Convert(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
