using System.CommandLine;
using System.Globalization;
using Realtime.Scoring.Registry;

namespace Realtime.Scoring.Cli;

/// <summary>
/// <c>realtime models list|promote &lt;version&gt; [--force]|rollback</c>. Promote and rollback load the version exactly as
/// an API instance would and refuse a bad one with a one-line reason and exit code 1 (nothing changes);
/// <c>promote --force</c> writes the pointer anyway and says what will keep serving.
/// </summary>
internal static class ModelsCommand
{
    private const string Description = """
        The model registry: list the versions and what serves, promote one, roll back. API instances poll the registry
        and switch within Churn:PollInterval; with nothing promoted the built-in rule baseline serves.

        Examples:
          realtime models list --models models
          realtime models promote v20261123-1530-ab12
          realtime models rollback
        """;

    public static Command Create()
    {
        var models = ChurnCommands.ModelsRoot();
        models.Recursive = true;
        var list = new Command("list", "List the versions, oldest first, and say which one serves.\n\nExample:\n  realtime models list --models models");
        list.SetAction(parsed => List(parsed, new ModelRegistry(parsed.GetRequiredValue(models))));

        var version = new Argument<string>("version") { Description = "The version folder's name (v...)" };
        var force = new Option<bool>("--force") { Description = "Write the pointer even when the version is refused or constant (says what keeps serving)" };
        var promote = new Command("promote", "Validate a version as an API instance would load it and make it current.\n\nExample:\n  realtime models promote v20261123-1530-ab12") { version, force };
        promote.SetAction(parsed => Guarded(parsed, () => Promote(parsed, new ModelRegistry(parsed.GetRequiredValue(models)), parsed.GetRequiredValue(version), parsed.GetValue(force))));

        var rollback = new Command("rollback", "Undo the last promotion: the previous promoted version (validated first), or the baseline.\n\nExample:\n  realtime models rollback --models models");
        rollback.SetAction(parsed => Guarded(parsed, () =>
        {
            parsed.InvocationConfiguration.Output.WriteLine($"current is now {new ModelRegistry(parsed.GetRequiredValue(models)).Rollback() ?? "none (the baseline scorer answers)"}");
            return 0;
        }));

        var command = new Command("models", Description) { models, list, promote, rollback };
        command.SetAction(parsed => List(parsed, new ModelRegistry(parsed.GetRequiredValue(models))));
        return command;
    }

    private static int Promote(ParseResult parsed, ModelRegistry registry, string version, bool force)
    {
        var output = parsed.InvocationConfiguration.Output;
        if (force)
        {
            registry.Promote(version, validate: false);
            var forced = registry.Resolve();
            output.WriteLine(forced.Rejection is { } refused
                ? $"promoted {version} (forced) but {refused.Message}; API instances keep serving {forced.ServingVersion}"
                : $"promoted {version} (forced); running API instances switch at their next poll");
            return 0;
        }

        var model = registry.Load(version);
        if (model.Metadata.ConstantScore is { } constant)
        {
            return ChurnCommands.Failure(parsed, $"refused: {version} is constant (every customer scores {constant:0.000}); --force promotes it anyway");
        }

        registry.Promote(version);
        output.WriteLine($"promoted {version}; running API instances switch at their next poll");
        return 0;
    }

    private static int Guarded(ParseResult parsed, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ModelRejectedException ex)
        {
            return ChurnCommands.Failure(parsed, $"refused: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            return ChurnCommands.Usage(parsed, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return ChurnCommands.Failure(parsed, ex.Message);
        }
    }

    /// <summary>A header, every version oldest first (marked promoted and/or serving), then what an API instance serves and why.</summary>
    private static int List(ParseResult parsed, ModelRegistry registry)
    {
        var output = parsed.InvocationConfiguration.Output;
        ModelServing serving;
        try
        {
            serving = registry.Resolve();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ChurnCommands.Failure(parsed, ex.Message);
        }

        var versions = registry.List().OrderBy(v => v.CreatedAt ?? DateTimeOffset.MaxValue).ThenBy(v => v.Version, StringComparer.Ordinal).ToList();
        if (versions.Count == 0)
        {
            output.WriteLine($"no versions in {registry.Root}");
        }
        else
        {
            output.WriteLine($"  {"VERSION",-22} {"CREATED (UTC)",-16}  {"TRAINER",-9} {"HOLDOUT AUC",11}  STATUS");
        }

        foreach (var v in versions)
        {
            var auc = v.HoldoutRocAuc?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "?";
            var isServing = v.Version == serving.Model?.Version;
            var marks = (v.IsCurrent, isServing) switch
            {
                (true, true) => "promoted, serving",
                (true, false) => "promoted, REFUSED",
                (false, true) => "serving (the promoted version is refused)",
                _ => string.Empty,
            };
            var created = v.CreatedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?";
            output.WriteLine($"{(isServing ? "*" : " ")} {v.Version,-22} {created,-16}  {v.Trainer ?? "unreadable",-9} {auc,11}  {marks}".TrimEnd());
        }

        output.WriteLine((serving.Promoted, serving.Rejection) switch
        {
            (null, _) => "serving: baseline, the built-in rule scorer (nothing is promoted)",
            (_, { } refused) => $"serving: {serving.ServingVersion} ({refused.Message})",
            _ => $"serving: {serving.ServingVersion} (promoted)",
        });
        return 0;
    }
}
