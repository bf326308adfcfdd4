namespace Realtime.Core.Audiences;

/// <summary>One condition of an audience: a field and its value (text for segment, channel and country; a number otherwise).</summary>
public sealed record AudienceCondition(AudienceField Field, string Text, double Number);
