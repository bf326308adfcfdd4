using System.Text.Json;
using Realtime.Core.Privacy;

namespace Realtime.Core.Tests.Privacy;

public sealed class ErasureRecordTests
{
    [Fact]
    public void The_audit_subject_is_the_lower_case_sha256_hex_of_the_customer_id()
    {
        // Computed independently: printf c000042 | sha256sum
        Assert.Equal("45afb77924e552287d07ae912f337c6f8d729f75eb09d3c88b59ce38390b7b2c", ErasureAuditEntry.HashOf("c000042"));
        Assert.NotEqual(ErasureAuditEntry.HashOf("c000042"), ErasureAuditEntry.HashOf("c000043"));
    }

    [Fact]
    public void A_customer_forgotten_record_is_one_json_object_with_type_id_utc_time_and_request()
    {
        var at = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.FromHours(1));

        using var json = JsonDocument.Parse(CustomerForgottenJson.Encode(new CustomerForgotten("c000042", at, "r-1")));

        var root = json.RootElement;
        Assert.Equal(["type", "customer_id", "forgotten_at", "request_id"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("customer_forgotten", root.GetProperty("type").GetString());
        Assert.Equal("c000042", root.GetProperty("customer_id").GetString());
        Assert.Equal("2026-12-01T22:30:00Z", root.GetProperty("forgotten_at").GetString());
        Assert.Equal("r-1", root.GetProperty("request_id").GetString());
    }
}
