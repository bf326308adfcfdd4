namespace Realtime.Host;

/// <summary>
/// The loop both time-driven sweepers run (segments, triggers): sweep until a sweep claims fewer customers than a full
/// batch, then wait the interval; a failed sweep is logged and retried after the interval (the claimed customers come
/// back when their lease runs out).
/// </summary>
internal static class SweepLoop
{
    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled; <paramref name="sweepOnce"/> sweeps at the given time and returns how many customers it claimed.</summary>
    public static async Task RunAsync(
        Func<DateTimeOffset, CancellationToken, Task<int>> sweepOnce, int batchSize, TimeSpan interval, TimeProvider clock, Action<Exception> logFailure, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await sweepOnce(clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Redis or the broker is down: the claimed customers come back when their lease runs out.
                logFailure(ex);
            }

            if (claimed < batchSize)
            {
                try
                {
                    await Task.Delay(interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
