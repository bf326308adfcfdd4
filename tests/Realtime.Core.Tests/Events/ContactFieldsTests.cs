using System.Text;
using Realtime.Core.Events;
using Realtime.Core.State;

namespace Realtime.Core.Tests.Events;

public sealed class ContactFieldsTests
{
    private const string Digest = "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";
    private static readonly DateTimeOffset s_now = Ev.T0.AddDays(30);

    private static (CustomerEvent? Event, string? Error) Decode(string fields)
    {
        var json = $$"""{"event_id":"r1","type":"customer_registered","customer_id":"c1","occurred_at":"2026-03-01T12:00:00Z"{{fields}}}""";
        EventJson.TryDecode(Encoding.UTF8.GetBytes(json), s_now, EventLimits.DefaultMaxFutureSkew, out var e, out var error);
        return (e, error);
    }

    [Fact]
    public void Registration_contact_fields_are_normalised_and_folded_into_the_state()
    {
        var (e, error) = Decode($$""","email_sha256":"{{Digest.ToUpperInvariant()}}","birthday":"1990-02-29","country":"de" """);
        Assert.Null(error);
        Assert.Equal(Digest, e!.EmailSha256);
        Assert.Equal(new MonthDay(2, 29), e.Birthday);
        Assert.Equal("DE", e.Country);

        var state = new CustomerState("c1");
        CustomerFold.Apply(state, e);
        Assert.Equal(229, state.BirthdayMonthDay);
        Assert.Equal("DE", state.Country);
        Assert.Equal(Digest, state.EmailSha256);
    }

    [Theory]
    [InlineData(""","email_sha256":"abc" """, "email_sha256 must be 64 hexadecimal characters")]
    [InlineData(""","email_sha256":"zz9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514b" """, "email_sha256 must be 64 hexadecimal characters")]
    [InlineData(""","birthday":"1990-13-01" """, "birthday must be YYYY-MM-DD or MM-DD")]
    [InlineData(""","birthday":"02-30" """, "birthday must be YYYY-MM-DD or MM-DD")]
    [InlineData(""","birthday":"yesterday" """, "birthday must be YYYY-MM-DD or MM-DD")]
    [InlineData(""","country":"Germany" """, "country must be a two-letter ISO 3166-1 code")]
    [InlineData(""","country":"d1" """, "country must be a two-letter ISO 3166-1 code")]
    public void Malformed_contact_fields_are_rejected_with_the_field_named(string fields, string reason)
    {
        var (e, error) = Decode(fields);
        Assert.Null(e);
        Assert.StartsWith(reason, error);
    }

    [Theory]
    [InlineData("12-24", 12, 24)]
    [InlineData("--07-01", 7, 1)]
    [InlineData("2001-01-31", 1, 31)]
    public void Birthdays_parse_with_or_without_a_year(string text, int month, int day)
    {
        Assert.True(MonthDay.TryParse(text, out var parsed));
        Assert.Equal(new MonthDay(month, day), parsed);
    }

    [Fact]
    public void A_leap_day_birthday_falls_on_the_28th_in_other_years()
    {
        Assert.Equal(new DateOnly(2027, 2, 28), new MonthDay(2, 29).In(2027));
        Assert.Equal(new DateOnly(2028, 2, 29), new MonthDay(2, 29).In(2028));
    }

    [Fact]
    public void Contact_fields_survive_the_json_round_trip()
    {
        var (e, _) = Decode($$""","email_sha256":"{{Digest}}","birthday":"03-15","country":"FR" """);
        EventJson.TryDecode(EventJson.Encode(e!), s_now, EventLimits.DefaultMaxFutureSkew, out var again, out var error);
        Assert.Null(error);
        Assert.Equal(e, again! with { Lines = e!.Lines });
    }

    [Fact]
    public void A_later_registration_without_contact_fields_keeps_the_known_ones()
    {
        var state = new CustomerState("c1");
        CustomerFold.Apply(state, Decode($$""","email_sha256":"{{Digest}}","birthday":"03-15","country":"FR" """).Event!);
        CustomerFold.Apply(state, Decode("").Event! with { EventId = "r2", OccurredAt = Ev.T0.AddDays(1) });
        Assert.Equal(315, state.BirthdayMonthDay);
        Assert.Equal("FR", state.Country);
        Assert.Equal(Digest, state.EmailSha256);
    }
}
