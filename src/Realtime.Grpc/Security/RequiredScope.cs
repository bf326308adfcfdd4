namespace Realtime.Grpc.Security;

/// <summary>Endpoint metadata: the scope a gRPC method requires (read by the rate limiter to pick the bucket).</summary>
public sealed record RequiredScope(string Scope);
