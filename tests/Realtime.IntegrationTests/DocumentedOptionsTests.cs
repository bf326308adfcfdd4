using System.Reflection;
using System.Text.RegularExpressions;
using Realtime.Core.Lifecycle;
using Realtime.Core.Recommendations;
using Realtime.Core.Triggers;
using Realtime.Files.Offers;
using Realtime.Grpc.Security;
using Realtime.Host;
using Realtime.Host.Dashboard;
using Realtime.Kafka;
using Realtime.Redis;
using Realtime.Scoring.Serving;

namespace Realtime.IntegrationTests;

/// <summary>
/// Every option key README.md and docs/*.md name (<c>Section:Key</c>, <c>--Section:Key=</c>, <c>Section__Key</c>) is a
/// setting the engine binds: a property path through the options classes the Host binds to that section.
/// </summary>
public sealed partial class DocumentedOptionsTests
{
    /// <summary>The sections the Host binds and their types (checked against the source by the second test).</summary>
    private static readonly (string Section, Type Type)[] s_sections =
    [
        (ApiOptions.SectionName, typeof(ApiOptions)),
        (ApiLimitOptions.SectionName, typeof(ApiLimitOptions)),
        (ApiAuthOptions.SectionName, typeof(ApiAuthOptions)),
        // Read by RateLimitOptions.Read: one RateLimitOptions per scope name.
        ("Api:RateLimits", typeof(Dictionary<string, RateLimitOptions>)),
        (KafkaOptions.SectionName, typeof(KafkaOptions)),
        (IngestOptions.SectionName, typeof(IngestOptions)),
        (RedisOptions.SectionName, typeof(RedisOptions)),
        (ChurnScorerOptions.SectionName, typeof(ChurnScorerOptions)),
        (LifecycleOptions.SectionName, typeof(LifecycleOptions)),
        (OfferOptions.SectionName, typeof(OfferOptions)),
        (RecommendationOptions.SectionName, typeof(RecommendationOptions)),
        (ItemSignalOptions.SectionName, typeof(ItemSignalOptions)),
        (Realtime.Scoring.Ranking.RankerServingOptions.SectionName, typeof(Realtime.Scoring.Ranking.RankerServingOptions)),
        (PurchaseHistoryOptions.SectionName, typeof(PurchaseHistoryOptions)),
        (DashboardOptions.SectionName, typeof(DashboardOptions)),
        (Core.Audiences.AudienceOptions.SectionName, typeof(Core.Audiences.AudienceOptions)),
        (TriggerOptions.SectionName, typeof(TriggerOptions)),
    ];

    [Fact]
    public void Every_documented_option_key_is_bound_by_an_options_class()
    {
        var documented = DocumentedKeys();
        Assert.True(documented.Count > 50, $"found only {documented.Count} documented keys: the pattern no longer matches the docs");

        var unknown = documented.Where(d => !IsBound(d.Key)).Select(d => $"{d.Key} ({d.File})").ToList();
        Assert.True(unknown.Count == 0, "documented but bound by no options class:\n" + string.Join('\n', unknown));
    }

    [Fact]
    public void The_section_table_covers_every_options_class_the_source_binds()
    {
        var bound = Directory.GetFiles(Path.Combine(DeployMetricsTests.RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => BoundType().Matches(File.ReadAllText(f)).Select(m => m.Groups["type"].Value))
            .ToHashSet(StringComparer.Ordinal);
        var known = s_sections.Select(s => s.Type.Name).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(bound);
        Assert.Empty(bound.Except(known));
    }

    [Theory]
    [InlineData("Kafka:Client:security.protocol", true)]
    [InlineData("Api:Auth:Keys:0:Name", true)]
    [InlineData("Api:Auth:Keys:<n>:Scopes", true)]
    [InlineData("Api:RateLimits:<scope>:PerSecond", true)]
    [InlineData("Lifecycle:ClvFit:MinCustomers", true)]
    [InlineData("Lifecycle:ClvFit:Nothing", false)]
    [InlineData("Redis:Nothing", false)]
    [InlineData("Kafka:BootstrapServers:Deeper", false)]
    public void Key_resolution_follows_properties_dictionaries_and_lists(string key, bool bound) =>
        Assert.Equal(bound, IsBound(key));

    private static bool IsBound(string key)
    {
        var segments = key.Split(':');
        return s_sections.Any(s =>
        {
            var section = s.Section.Split(':');
            return segments.Length >= section.Length
                && segments.Take(section.Length).SequenceEqual(section, StringComparer.OrdinalIgnoreCase)
                && Resolves(s.Type, segments.AsSpan(section.Length));
        });
    }

    private static bool Resolves(Type type, ReadOnlySpan<string> rest)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (rest.IsEmpty)
        {
            return true;
        }

        var segment = rest[0];
        if (DictionaryValue(type) is { } value)
        {
            return Resolves(value, rest[1..]); // any key: librdkafka settings, scope names, placeholders
        }

        if (ListElement(type) is { } element)
        {
            return (segment.All(char.IsDigit) || segment.StartsWith('<')) && Resolves(element, rest[1..]);
        }

        if (type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(DateTimeOffset))
        {
            return false; // a scalar has no sub-keys
        }

        if (segment == "*")
        {
            return true;
        }

        // "<Stage>RetentionShare" names a family of properties: the placeholder matches any part of a name.
        var name = new Regex("^" + string.Join(".+", Placeholder().Split(segment).Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase);
        var next = rest[1..].ToArray();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetSetMethod() is not null || DictionaryValue(p.PropertyType) is not null || ListElement(p.PropertyType) is not null || !p.PropertyType.IsValueType)
            .Any(p => name.IsMatch(p.Name) && Resolves(p.PropertyType, next));
    }

    private static Type? DictionaryValue(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>)) is { } list
            ? list.GetGenericArguments()[0]
            : null;

    private static List<(string Key, string File)> DocumentedKeys()
    {
        var root = DeployMetricsTests.RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Prepend(Path.Combine(root, "README.md"));
        var keys = new List<(string, string)>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ColonKey().Matches(text))
            {
                keys.Add((m.Value.TrimEnd('.', '-'), Path.GetRelativePath(root, file)));
            }

            foreach (Match m in EnvironmentKey().Matches(text))
            {
                keys.Add((m.Value.Replace("__", ":", StringComparison.Ordinal).TrimEnd('.', '-'), Path.GetRelativePath(root, file)));
            }
        }

        return keys.Distinct().ToList();
    }

    // A section name, then ":segment" parts; a segment is a name (librdkafka keys have dots), "*", or "<placeholder>".
    [GeneratedRegex(@"(?<![\w:.])(?:Api|Kafka|Ingest|Redis|Churn|Lifecycle|Offers|Recommendations|Triggers|Audiences)(?::(?:<[^>\n]*>|[A-Za-z0-9_.*-]+)(?:<[^>\n]*>[A-Za-z0-9_]*)?)+")]
    private static partial Regex ColonKey();

    // The same keys as environment variables (docker-compose.yml, Kubernetes): Section__Key__Sub.
    [GeneratedRegex(@"(?<![\w.])(?:Api|Kafka|Ingest|Redis|Churn|Lifecycle|Offers|Recommendations|Triggers|Audiences)(?:__[A-Za-z0-9.-]+)+")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:BindConfiguration|GetSection)\((?<type>\w+)\.SectionName\)")]
    private static partial Regex BoundType();
}
