using Realtime.Application.Lifecycle;
using Realtime.Core.Audiences;

namespace Realtime.Host;

/// <summary>
/// Refreshes the named audiences (<see cref="AudienceOptions.Definitions"/>) every <see cref="AudienceOptions.RefreshInterval"/>,
/// the first time at start-up. Any number of instances may run: a lease per audience, as long as the interval, lets one
/// refresh it per interval.
/// </summary>
internal sealed partial class AudienceRefreshService(
    AudienceRefresher refresher, IAudienceMembership membership, AudienceOptions options, TimeProvider clock, ILogger<AudienceRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Definitions.Count == 0)
        {
            return;
        }

        var definitions = options.Definitions.ToDictionary(
            kv => kv.Key,
            kv => AudienceDefinition.TryParse(kv.Value, $"{AudienceOptions.SectionName}:Definitions:{kv.Key}", out var d, out var error) ? d! : throw new InvalidOperationException(error));
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var (name, definition) in definitions)
            {
                try
                {
                    if (await membership.TryLeaseAsync(name, options.RefreshInterval, stoppingToken))
                    {
                        var (joined, left) = await refresher.RefreshAsync(name, definition, clock.GetUtcNow(), stoppingToken);
                        LogRefreshed(logger, name, joined, left);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Redis or the broker is down: the next interval (or another instance, once the lease ends) retries.
                    LogRefreshFailed(logger, name, ex);
                }
            }

            try
            {
                await Task.Delay(options.RefreshInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audience {Audience} refreshed: {Joined} joined, {Left} left")]
    private static partial void LogRefreshed(ILogger logger, string audience, int joined, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audience {Audience} refresh failed; retrying after the interval")]
    private static partial void LogRefreshFailed(ILogger logger, string audience, Exception exception);
}
