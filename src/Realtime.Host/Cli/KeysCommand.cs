using System.CommandLine;
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
    public static Command Create(TextWriter output)
    {
        var name = new Option<string>("--name") { Description = "The client's name (logged with its calls).", Required = true };
        var scopes = new Option<string>("--scopes") { Description = $"Comma-separated scopes: {string.Join(", ", ApiScopes.All)}.", Required = true };
        scopes.Validators.Add(r =>
        {
            var given = ApiScopes.Parse(r.GetValueOrDefault<string>() ?? "");
            var unknown = given.Where(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal)).ToList();
            if (given.Length == 0 || unknown.Count > 0)
            {
                r.AddError($"--scopes: unknown scope(s) '{string.Join(", ", unknown)}'; known: {string.Join(", ", ApiScopes.All)}");
            }
        });
        var index = NumberOption.AtLeast("--index", "The key's position in Api:Auth:Keys, for the printed configuration lines.", 0, minimum: 0);
        var create = new Command("create", CliRunner.Describe(
            "Print a fresh API key once, with the configuration lines that admit it (they hold only its SHA-256).",
            "realtime keys create --name storefront --scopes recommendations:read,profiles:read"))
        {
            name,
            scopes,
            index,
        };
        create.SetAction(parsed => Print(parsed.GetRequiredValue(name), ApiScopes.Parse(parsed.GetRequiredValue(scopes)), parsed.GetValue(index), output));
        return new Command("keys", CliRunner.Describe("API keys for the clients of the gRPC API.", "realtime keys create --name storefront --scopes recommendations:read"))
        {
            create,
        };
    }

    private static int Print(string name, string[] scopes, int index, TextWriter output)
    {
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
        return ExitCodes.Success;
    }
}
