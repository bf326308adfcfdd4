using Microsoft.Extensions.Logging;

namespace Realtime.Scoring.Ranking;

/// <summary>Source-generated log messages of the learned ranker's serving.</summary>
internal static partial class RankerLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Recommendations ranked by learned ranker {Version}")]
    public static partial void Serving(ILogger logger, string version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "No learned ranker promoted: recommendations ranked by the hand-tuned blend")]
    public static partial void ServingBlend(ILogger logger);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Ranker version {Version} refused ({Reason}); {Serving} keeps serving")]
    public static partial void Refused(ILogger logger, string version, string reason, string serving);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Polling the ranker registry {Root} failed; {Serving} keeps serving")]
    public static partial void PollFailed(ILogger logger, string root, string serving, Exception exception);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Learned ranker {Version} failed on a request; the blend answered it")]
    public static partial void RankFailed(ILogger logger, string version, Exception exception);
}
