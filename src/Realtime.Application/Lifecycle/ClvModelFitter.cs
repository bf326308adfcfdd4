using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Ports;

namespace Realtime.Application.Lifecycle;

/// <summary>
/// Refits the CLV model on the stored customers: scans them page by page, summarises each buyer at one instant
/// (<see cref="ClvObservation.From"/>), fits BG/NBD + Gamma-Gamma (<see cref="ClvModelFit.Fit"/>) and stores the fit
/// only when <see cref="ClvModelFit.Problem"/> finds nothing wrong. The hosted refit and the CLI verb both run this.
/// </summary>
public sealed class ClvModelFitter(ICustomerStateStore store, IClvModelStore models)
{
    private const int PageSize = 1000;

    /// <summary>
    /// One refit at <paramref name="now"/>. With <paramref name="takeLease"/>, first takes the refit lease for
    /// <see cref="ClvFitOptions.IntervalMinutes"/> and does nothing when another instance holds it.
    /// </summary>
    public async Task<ClvFitOutcome> RunAsync(DateTimeOffset now, ClvFitOptions options, bool takeLease, CancellationToken cancellationToken)
    {
        if (takeLease && !await models.TryAcquireFitLeaseAsync(TimeSpan.FromMinutes(options.IntervalMinutes), cancellationToken))
        {
            return new ClvFitOutcome(ClvFitStatus.LeaseHeld, 0, 0, null, "another instance holds the refit lease");
        }

        var observations = new List<ClvObservation>();
        var scanned = 0;
        await foreach (var page in store.ScanAsync(PageSize, cancellationToken))
        {
            foreach (var state in page)
            {
                scanned++;
                if (ClvObservation.From(state, now) is { } observation && observations.Count < options.MaxCustomers)
                {
                    observations.Add(observation);
                }
            }

            if (observations.Count >= options.MaxCustomers)
            {
                break;
            }
        }

        if (observations.Count < options.MinCustomers)
        {
            return new ClvFitOutcome(ClvFitStatus.TooFewCustomers, scanned, observations.Count, null, $"{observations.Count} buyers, fewer than {options.MinCustomers}");
        }

        // Seconds of CPU for a large sample: keep it off the caller's thread (a hosted service loop or a CLI).
        var fit = await Task.Run(() => ClvModelFit.Fit(observations, now), cancellationToken);
        if (fit.Problem() is { } problem)
        {
            return new ClvFitOutcome(ClvFitStatus.Rejected, scanned, observations.Count, fit, problem);
        }

        await models.SaveAsync(fit, cancellationToken);
        return new ClvFitOutcome(ClvFitStatus.Stored, scanned, observations.Count, fit, null);
    }
}
