using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Realtime.IntegrationTests;

/// <summary>A logger provider that keeps every formatted line (with its category), to check what the engine logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, string Message)> _lines = new();

    public IReadOnlyList<(string Category, string Message)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((category, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
    }
}
