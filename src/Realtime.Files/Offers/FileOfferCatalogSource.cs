using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Realtime.Core.Offers;
using Realtime.Core.Ports;

namespace Realtime.Files.Offers;

/// <summary>
/// The catalog in force: the embedded playbook, or <c>Offers:CatalogPath</c> loaded at start (a bad file fails
/// start-up: the host validates the options) and reloaded when its modification time or size changes
/// (checked every <c>Offers:ReloadIntervalMs</c>; polling also follows Kubernetes config-map symlink swaps, which file
/// watchers miss). A changed file that does not validate is refused with an error log, and the catalog in force keeps
/// serving; decisions carry the catalog version, so the switch is visible on the decisions topic.
/// </summary>
public sealed partial class FileOfferCatalogSource : IOfferCatalogSource, IHostedService, IDisposable
{
    private readonly OfferOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<FileOfferCatalogSource> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private OfferCatalogSnapshot _current;
    private (DateTime Modified, long Length) _stamp;
    private Task? _watching;

    public FileOfferCatalogSource(IOptions<OfferOptions> options, TimeProvider clock, ILogger<FileOfferCatalogSource> logger)
    {
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        if (string.IsNullOrWhiteSpace(_options.CatalogPath))
        {
            _current = OfferCatalogSnapshot.Default;
            return;
        }

        _stamp = Stamp(_options.CatalogPath);
        if (!OfferCatalogFile.TryLoad(_options.CatalogPath, out var catalog, out var errors))
        {
            throw new OfferCatalogException(errors);
        }

        _current = new OfferCatalogSnapshot(catalog, _options.CatalogPath);
    }

    public OfferCatalogSnapshot Current => Volatile.Read(ref _current);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogServing(_logger, _current.Source, _current.Version, _current.Catalog.Offers.Count);
        if (!string.IsNullOrWhiteSpace(_options.CatalogPath))
        {
            _watching = WatchAsync(_stopping.Token);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_watching is not null)
        {
            await _watching.WaitAsync(cancellationToken);
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Reloads when the file changed; true when a new catalog now serves.</summary>
    internal bool CheckForChange()
    {
        var path = _options.CatalogPath;
        var stamp = Stamp(path);
        if (stamp == _stamp)
        {
            return false;
        }

        _stamp = stamp;
        if (!OfferCatalogFile.TryLoad(path, out var catalog, out var errors))
        {
            LogRefused(_logger, path, _current.Version, string.Join("; ", errors));
            return false;
        }

        if (catalog.Version == _current.Version)
        {
            return false;
        }

        var previous = _current.Version;
        Volatile.Write(ref _current, new OfferCatalogSnapshot(catalog, path));
        LogReloaded(_logger, path, previous, catalog.Version);
        return true;
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.ReloadIntervalMs), _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    CheckForChange();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // An unexpected failure (the file's metadata unreadable, a parser bug) must not end the watch
                    // silently: the catalog in force keeps serving and the next tick checks again.
                    LogCheckFailed(_logger, _options.CatalogPath, _current.Version, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static (DateTime, long) Stamp(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : (DateTime.MinValue, -1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer catalog from {Source}: version {Version}, {Offers} offers")]
    private static partial void LogServing(ILogger logger, string source, string version, int offers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer catalog {Path} reloaded: version {Previous} -> {Version}")]
    private static partial void LogReloaded(ILogger logger, string path, string previous, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Offer catalog {Path} refused; version {Version} keeps serving: {Errors}")]
    private static partial void LogRefused(ILogger logger, string path, string version, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer catalog {Path} check failed; version {Version} keeps serving")]
    private static partial void LogCheckFailed(ILogger logger, string path, string version, Exception exception);
}
