namespace Realtime.Grpc;

/// <summary>Translates an exported <see cref="Core.Audiences.AudienceMember"/> into <c>realtime.v1.AudienceMember</c>.</summary>
internal static class AudienceMapper
{
    public static V1.AudienceMember ToProto(Core.Audiences.AudienceMember m)
    {
        var reply = new V1.AudienceMember
        {
            CustomerId = m.CustomerId,
            EmailSha256 = m.EmailSha256 ?? string.Empty,
            Country = m.Country ?? string.Empty,
            Channel = m.Channel,
            AovBand = m.AovBand,
            PredictedClv = m.PredictedClv,
            Clv = m.Clv,
        };
        reply.TopCategories.AddRange(m.TopCategories);
        reply.Segments.AddRange(m.Segments);
        return reply;
    }
}
