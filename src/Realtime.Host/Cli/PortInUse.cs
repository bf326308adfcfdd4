using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;

namespace Realtime.Host.Cli;

/// <summary>Turns Kestrel's "address already in use" into a line naming the setting that moves the port.</summary>
public static partial class PortInUse
{
    public static bool Is(Exception ex) => ex is IOException { InnerException: AddressInUseException };

    /// <summary>The message for a bind failure of an engine configured by <paramref name="configuration"/>.</summary>
    public static string Explain(Exception ex, IConfiguration configuration, AppMode mode)
    {
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        var port = BoundPort().Match(ex.Message) is { Success: true } m ? int.Parse(m.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        var option = port == api.GrpcPort && mode.HasFlag(AppMode.Api) ? "Api:GrpcPort" : port == api.HttpPort ? "Api:HttpPort" : null;
        return option is null
            ? $"cannot listen: {ex.Message.TrimEnd('.')}; change --Api:GrpcPort or --Api:HttpPort"
            : $"port {port} ({api.ListenAddress}) is already in use; change --{option} (e.g. --{option}={port + 1}, or 0 for any free port)";
    }

    // Kestrel: "Failed to bind to address http://127.0.0.1:50051: address already in use."
    [GeneratedRegex(@"://[^\s]*:(?<port>\d+)")]
    private static partial Regex BoundPort();
}
