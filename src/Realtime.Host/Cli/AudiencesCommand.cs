using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Realtime.Application.Lifecycle;
using Realtime.Core.Audiences;
using Realtime.Redis;
using Sylvan.Data.Csv;

namespace Realtime.Host.Cli;

/// <summary>
/// <c>realtime audiences export (--definition EXPR | --name NAME) [--format csv|jsonl] [--output FILE] [--Redis:...]</c>:
/// streams an audience's members with their traits from the stored customers (the same exporter as
/// <c>InsightsService/ExportAudience</c>), as CSV (Sylvan) or JSON lines, to stdout or a file.
/// </summary>
internal static class AudiencesCommand
{
    public static Command Create(TextWriter output)
    {
        var definition = new Option<string?>("--definition") { Description = "Audience expression, e.g. \"segment=hero or clv_top_percent=10\" (docs/acquisition.md)." };
        var name = new Option<string?>("--name") { Description = "A named audience from Audiences:Definitions." };
        var format = new Option<string>("--format") { Description = "csv or jsonl.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "jsonl");
        var file = new Option<FileInfo?>("--output") { Description = "Write to this file instead of stdout." };
        var export = new ConfiguredCommand(
            "export",
            "Export an audience's members (customer id, email SHA-256, country, channel, top categories, AOV band, CLV, segments) for ad platforms' customer lists and lookalikes.",
            "realtime audiences export --definition \"segment=hero or clv_top_percent=10\" --format csv --output hero.csv")
        {
            definition, name, format, file,
        };
        export.SetAction((parsed, ct) => RunAsync(
            parsed.GetValue(definition), parsed.GetValue(name), parsed.GetValue(format)!, parsed.GetValue(file), ConfigurationOverrides.Of(parsed), output, ct));
        return new Command("audiences", CliRunner.Describe("Seed audiences for ad platforms and CRM.", "realtime audiences export --help")) { export };
    }

    private static async Task<int> RunAsync(string? expression, string? name, string format, FileInfo? file, string[] settings, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.AddRedis();
        builder.AddLifecycle();
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<AudienceOptions>>().Value;
        if (string.IsNullOrEmpty(expression) == string.IsNullOrEmpty(name))
        {
            throw new CliException("give exactly one of --definition and --name", ExitCodes.Usage);
        }

        if (name is not null && !options.Definitions.TryGetValue(name, out expression))
        {
            throw new CliException($"--name: no audience named '{name}' in Audiences:Definitions", ExitCodes.Usage);
        }

        if (!AudienceDefinition.TryParse(expression, name is null ? "--definition" : "--name", out var audience, out var error))
        {
            throw new CliException(error!, ExitCodes.Usage);
        }

        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var members = host.Services.GetRequiredService<AudienceExporter>().ExportAsync(audience!, now, cancellationToken);
        var target = file is null ? output : new StreamWriter(file.FullName);
        try
        {
            if (format == "csv")
            {
                await using var reader = new AudienceDataReader(members.GetAsyncEnumerator(cancellationToken));
                await using var csv = CsvDataWriter.Create(new KeepOpenWriter(target));
                await csv.WriteAsync(reader, cancellationToken);
            }
            else
            {
                await WriteJsonLinesAsync(members, target, cancellationToken);
            }
        }
        finally
        {
            if (file is not null)
            {
                await target.DisposeAsync();
            }
            else
            {
                await target.FlushAsync(cancellationToken);
            }
        }

        return 0;
    }

    private static async Task WriteJsonLinesAsync(IAsyncEnumerable<AudienceMember> members, TextWriter target, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await foreach (var m in members)
        {
            buffer.SetLength(0);
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                for (var c = 0; c < AudienceColumns.Names.Length; c++)
                {
                    var column = AudienceColumns.Names[c];
                    switch (column)
                    {
                        case "top_categories":
                            w.WriteStartArray(column);
                            m.TopCategories.ToList().ForEach(w.WriteStringValue);
                            w.WriteEndArray();
                            break;
                        case "segments":
                            w.WriteStartArray(column);
                            m.Segments.ToList().ForEach(w.WriteStringValue);
                            w.WriteEndArray();
                            break;
                        case "predicted_clv":
                            w.WriteNumber(column, Math.Round(m.PredictedClv, 2));
                            break;
                        case "clv":
                            w.WriteNumber(column, Math.Round(m.Clv, 2));
                            break;
                        default:
                            var value = AudienceColumns.Value(m, c);
                            if (value.Length > 0)
                            {
                                w.WriteString(column, value);
                            }

                            break;
                    }
                }

                w.WriteEndObject();
            }

            await target.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), cancellationToken);
        }
    }
}
