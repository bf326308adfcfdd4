using Microsoft.Extensions.Options;
using Realtime.Application.Lifecycle;
using Realtime.Core.Lifecycle;

namespace Realtime.Host;

/// <summary>
/// Refits the CLV model every <see cref="ClvFitOptions.IntervalMinutes"/> (<see cref="ClvModelFitter"/>), starting at
/// start-up. Every ingest instance runs one; the refit lease (held for one interval, never released) lets a single
/// instance fit per interval, and the others skip.
/// </summary>
internal sealed partial class ClvFitService(
    ClvModelFitter fitter, IOptions<LifecycleOptions> options, TimeProvider clock, ILogger<ClvFitService> logger) : BackgroundService
{
    // After a failure (Redis down), try again sooner than a whole interval: the lease was maybe never taken.
    private static readonly TimeSpan s_retryAfterFailure = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fit = options.Value.ClvFit;
        var interval = TimeSpan.FromMinutes(fit.IntervalMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                var outcome = await fitter.RunAsync(clock.GetUtcNow(), fit, takeLease: true, stoppingToken);
                Log(outcome);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFitFailed(logger, ex);
                wait = interval < s_retryAfterFailure ? interval : s_retryAfterFailure;
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void Log(ClvFitOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ClvFitStatus.Stored when outcome.Fit is { } f:
                LogStored(logger, outcome.Buyers, f.BgNbd.R, f.BgNbd.Alpha, f.BgNbd.A, f.BgNbd.B, f.GammaGamma is not null);
                break;
            case ClvFitStatus.Rejected:
                LogRejected(logger, outcome.Buyers, outcome.Reason);
                break;
            case ClvFitStatus.TooFewCustomers:
                LogTooFew(logger, outcome.Buyers);
                break;
            default:
                LogSkipped(logger);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CLV model refitted on {Buyers} buyers: r={R}, alpha={Alpha} days, a={A}, b={B}; Gamma-Gamma fitted: {WithSpend}")]
    private static partial void LogStored(ILogger logger, int buyers, double r, double alpha, double a, double b, bool withSpend);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CLV refit on {Buyers} buyers refused ({Reason}); the previous model stays")]
    private static partial void LogRejected(ILogger logger, int buyers, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CLV refit skipped: {Buyers} buyers, below Lifecycle:ClvFit:MinCustomers")]
    private static partial void LogTooFew(ILogger logger, int buyers);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CLV refit skipped: another instance holds the lease for this interval")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CLV refit failed; retrying shortly")]
    private static partial void LogFitFailed(ILogger logger, Exception exception);
}
