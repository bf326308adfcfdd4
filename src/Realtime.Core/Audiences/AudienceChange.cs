namespace Realtime.Core.Audiences;

/// <summary>
/// A customer joining or leaving a named audience, as published on <c>realtime.audiences</c>. <see cref="ChangeId"/> is
/// deterministic: <c>&lt;audience&gt;:&lt;generation&gt;:&lt;joined|left&gt;:&lt;customer id&gt;</c>, so a refresh retried after a
/// crash (before it committed its generation) publishes the same ids again and a consumer can drop the repeats.
/// </summary>
public sealed record AudienceChange(string Audience, string CustomerId, bool Joined, long Generation, DateTimeOffset At)
{
    public string Change => Joined ? "joined" : "left";

    public string ChangeId => $"{Audience}:{Generation}:{Change}:{CustomerId}";
}
