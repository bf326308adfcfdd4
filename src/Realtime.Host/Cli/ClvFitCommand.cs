using System.Globalization;
using Microsoft.Extensions.Options;
using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;
using Realtime.Redis;

namespace Realtime.Host.Cli;

/// <summary>
/// <c>realtime lifecycle fit-clv [--Redis:...] [--Lifecycle:ClvFit:...]</c>: refits the CLV model on the stored
/// customers now, with the same code as the periodic refit but without waiting for its lease, stores it when usable,
/// and prints the parameters. Exit code 0 when a model was stored.
/// </summary>
internal static class ClvFitCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddRedis();
        builder.AddLifecycle();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<LifecycleOptions>>().Value;
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var outcome = await host.Services.GetRequiredService<ClvModelFitter>().RunAsync(now, options.ClvFit, takeLease: false, CancellationToken.None);
        Print(outcome, output);
        return outcome.Status == ClvFitStatus.Stored ? 0 : 1;
    }

    internal static void Print(ClvFitOutcome outcome, TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"status: {StatusName(outcome.Status)}{(outcome.Reason is null ? "" : $" ({outcome.Reason})")}"));
        output.WriteLine(string.Create(c, $"customers scanned: {outcome.Scanned}, buyers used: {outcome.Buyers}"));
        if (outcome.Fit is not { } fit)
        {
            return;
        }

        output.WriteLine(string.Create(c, $"fitted at: {fit.FittedAt:O}, converged: {fit.Converged}"));
        output.WriteLine(string.Create(c, $"BG/NBD (days): r={fit.BgNbd.R:G6} alpha={fit.BgNbd.Alpha:G6} a={fit.BgNbd.A:G6} b={fit.BgNbd.B:G6} log-likelihood={fit.BgNbdLogLikelihood:F2} ({fit.Customers} customers)"));
        output.WriteLine(fit.GammaGamma is { } gg
            ? string.Create(c, $"Gamma-Gamma: p={gg.P:G6} q={gg.Q:G6} gamma={gg.Gamma:G6} log-likelihood={fit.GammaGammaLogLikelihood:F2} ({fit.RepeatCustomers} repeat customers; population mean spend {gg.PopulationMeanSpend:F2})")
            : "Gamma-Gamma: not fitted (customers' own mean spend is used)");
    }

    private static string StatusName(ClvFitStatus status) => status switch
    {
        ClvFitStatus.Stored => "stored",
        ClvFitStatus.LeaseHeld => "lease_held",
        ClvFitStatus.TooFewCustomers => "too_few_customers",
        _ => "rejected",
    };
}
