using System.Globalization;
using System.Text.Json;
using Realtime.Grpc.Security;

namespace Realtime.Host.Cli;

/// <summary>
/// <c>realtime keys create --name storefront --scopes recommendations:read [--index 0]</c>: prints a fresh API key once,
/// with the configuration that admits it (its SHA-256, never the key) as appsettings JSON, command-line arguments and
/// environment variables.
/// </summary>
internal static class KeysCommand
{
    public const string Usage = "keys create --name <client> --scopes <scope,scope...> [--index N]";

    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != "create" || Option(args, "--name") is not { } name || Option(args, "--scopes") is not { } scopeList)
        {
            output.WriteLine($"usage: realtime {Usage}");
            output.WriteLine($"scopes: {string.Join(", ", ApiScopes.All)}");
            return 2;
        }

        var scopes = ApiScopes.Parse(scopeList);
        var unknown = scopes.Where(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal)).ToList();
        if (scopes.Length == 0 || unknown.Count > 0)
        {
            output.WriteLine($"unknown scope(s): {string.Join(", ", unknown)}; known: {string.Join(", ", ApiScopes.All)}");
            return 2;
        }

        if (!int.TryParse(Option(args, "--index") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            output.WriteLine("--index must be a non-negative number (the key's position in Api:Auth:Keys)");
            return 2;
        }

        var key = ApiKey.Create();
        var joined = string.Join(',', scopes);
        var i = index.ToString(CultureInfo.InvariantCulture);
        var json = JsonSerializer.Serialize(new { name, sha256 = key.Sha256, scopes = joined });
        output.WriteLine($"""
            API key for client "{name}" (shown once; store it in the client's secret store):
            {key.Key}

            Clients send it as gRPC metadata:  authorization: Bearer {key.Key}

            Configuration (holds only the key's SHA-256), one of:
              appsettings.json   "Api": {"{"} "Auth": {"{"} "Keys": [ {json} ] {"}"} {"}"}
              arguments          --Api:Auth:Keys:{i}:Name={name} --Api:Auth:Keys:{i}:Sha256={key.Sha256} --Api:Auth:Keys:{i}:Scopes={joined}
              environment        Api__Auth__Keys__{i}__Name={name} Api__Auth__Keys__{i}__Sha256={key.Sha256} Api__Auth__Keys__{i}__Scopes={joined}
            """);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
