using System.Globalization;
using Grpc.Net.Client;
using Realtime.Grpc.V1;

namespace Realtime.Host.Cli;

/// <summary>Prints what the engine decides for a customer and for the store, read over the real gRPC API.</summary>
internal static class DemoPrinter
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static async Task PrintDecisionsAsync(GrpcChannel channel, string customerId, CancellationToken ct)
    {
        var churn = await new ChurnService.ChurnServiceClient(channel).GetChurnScoreAsync(new GetChurnScoreRequest { CustomerId = customerId, TopFeatures = 3 }, cancellationToken: ct);
        var offer = await new OfferService.OfferServiceClient(channel).NextBestOfferAsync(new NextBestOfferRequest { CustomerId = customerId, Channel = "email" }, cancellationToken: ct);
        Console.WriteLine($"   churn risk {churn.Score.ToString("F2", s_inv)} ({churn.RiskBand}, model {churn.ModelVersion}; {string.Join(", ", churn.TopFeatures.Select(f => f.Name))})");
        Console.WriteLine($"   next best offer (email): {offer.OfferId}{(offer.Holdout ? " [holdout]" : string.Empty)}, expected value {offer.ExpectedValue.ToString("F2", s_inv)}: {string.Join("; ", offer.Reasons.Take(2))}");
    }

    public static async Task PrintSummaryAsync(GrpcChannel channel, CancellationToken ct)
    {
        var summary = await new InsightsService.InsightsServiceClient(channel).GetLifecycleSummaryAsync(new GetLifecycleSummaryRequest(), cancellationToken: ct);
        Console.WriteLine($"── store: {summary.Customers.ToString("F0", s_inv)} customers, {summary.Buyers.ToString("F0", s_inv)} buyers; segments {string.Join(", ", summary.Segments.Select(s => $"{s.Segment} {s.Customers.ToString("F0", s_inv)}"))}");
        var shares = summary.ReturningRevenueShare.Where(r => r.HasReturningShare).Select(r => $"{r.Days} d {(r.ReturningShare * 100).ToString("F0", s_inv)}%");
        Console.WriteLine($"   returning-customer revenue share: {string.Join(", ", shares)}");
        if (summary.Overall is { } overall)
        {
            Console.WriteLine($"   CLV:CAC {(overall.HasClvToCac ? overall.ClvToCac.ToString("F1", s_inv) : "-")} ({overall.Verdict}); maturity {summary.Maturity?.Stage}: put ~{((summary.Maturity?.RecommendedRetentionShare ?? 0) * 100).ToString("F0", s_inv)}% of effort on retention");
        }
    }
}
