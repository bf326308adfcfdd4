using Microsoft.Extensions.Logging;

namespace Realtime.Scoring;

/// <summary>Source-generated logs of churn scoring.</summary>
internal static partial class ScoringLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Churn model {Version} now serves (promoted {Promoted})")]
    public static partial void Serving(ILogger logger, string version, string promoted);

    [LoggerMessage(Level = LogLevel.Information, Message = "No churn model is promoted; the baseline scorer answers")]
    public static partial void ServingBaseline(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Promoted churn model {Version} refused: {Reason}; {Serving} keeps serving")]
    public static partial void Refused(ILogger logger, string version, string reason, string serving);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model registry poll of {Root} failed; {Serving} keeps serving and the next poll retries")]
    public static partial void PollFailed(ILogger logger, string root, string serving, Exception exception);
}
