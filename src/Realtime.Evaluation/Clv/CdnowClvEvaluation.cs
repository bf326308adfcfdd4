using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Evaluation.Clv;

/// <summary>
/// <c>clv-cdnow</c>: fits BG/NBD on the CDNOW calibration summary and Gamma-Gamma on the sample's repeat spend, and
/// compares them with the published estimates (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013). Also checks the
/// fitted model's forecast of holdout-period repeat transactions against what the cohort actually did.
/// </summary>
public static class CdnowClvEvaluation
{
    public static int Run(string datasetsRoot, TextWriter output)
    {
        var folder = Path.Combine(datasetsRoot, "cdnow");
        var summary = CdnowData.ReadSummary(Path.Combine(folder, "cdnow_customers_summary.csv"));
        var bgnbd = BgNbd.Fit(summary);
        var p = bgnbd.Parameters;
        output.WriteLine($"# BG/NBD on {summary.Count} customers (weeks), {bgnbd.Evaluations} likelihood evaluations");
        output.WriteLine("# published (FHL 2005): r 0.243, alpha 4.414, a 0.793, b 2.426, log-likelihood -9582.4");
        Result(output, "bgnbd_r", p.R, "value");
        Result(output, "bgnbd_alpha", p.Alpha, "weeks");
        Result(output, "bgnbd_a", p.A, "value");
        Result(output, "bgnbd_b", p.B, "value");
        Result(output, "bgnbd_loglik", bgnbd.LogLikelihood, "nats");

        var sample = CdnowData.ReadSampleDays(Path.Combine(folder, "CDNOW_sample.txt"));
        var calibration = sample.Values.Select(CdnowData.Calibration).ToList();
        var (gg, ggLogLik, ggCustomers) = GammaGamma.Fit(calibration);
        output.WriteLine($"# Gamma-Gamma on {ggCustomers} repeat customers of {sample.Count} (repeat-transaction mean spend, USD)");
        output.WriteLine("# published (Fader & Hardie 2013): p 6.25, q 3.74, gamma 15.44");
        Result(output, "gg_p", gg.P, "value");
        Result(output, "gg_q", gg.Q, "value");
        Result(output, "gg_gamma", gg.Gamma, "value");
        Result(output, "gg_loglik", ggLogLik, "nats");

        // Holdout: 39 weeks after calibration. The sum of conditional expectations should track the actual count.
        var holdoutWeeks = (CdnowData.HoldoutEnd.DayNumber - CdnowData.CalibrationEnd.DayNumber) / 7.0;
        var predicted = calibration.Sum(c => p.ConditionalExpectedPurchases(holdoutWeeks, c.Frequency, c.Recency, c.Age));
        var actual = sample.Values.Sum(CdnowData.HoldoutTransactions);
        Result(output, "bgnbd_holdout_predicted", predicted, "transactions");
        Result(output, "bgnbd_holdout_actual", actual, "transactions");
        return 0;
    }

    private static void Result(TextWriter output, string name, double value, string unit) =>
        output.WriteLine(FormattableString.Invariant($"result {name} {value:0.####} {unit}"));
}
