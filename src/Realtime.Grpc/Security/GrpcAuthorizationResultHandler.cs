using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Realtime.Grpc.Security;

/// <summary>
/// Turns a refused gRPC call into a proper gRPC status (UNAUTHENTICATED with no or a bad credential, PERMISSION_DENIED
/// without the scope) instead of a bare HTTP 401/403, and counts it by client. Other requests get the default 401/403.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler(ILogger<GrpcAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var client = ApiCredentials.ClientName(context.User);
        var reason = authorizeResult.Forbidden ? "missing_scope"
            : context.Request.Headers.Authorization.Count > 0 || context.Connection.ClientCertificate is not null ? "bad_credential" : "no_credential";
        SecurityMetrics.AuthFailures.WithLabels(SecurityMetrics.ClientLabel(client), reason).Inc();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SecurityLog.Refused(logger, context.Request.Path.Value ?? "", reason, client);
        }

        if (!GrpcResponses.IsGrpc(context.Request))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            GrpcResponses.WriteStatus(context, 7, "the credential lacks the scope this method requires"); // PERMISSION_DENIED
        }
        else
        {
            GrpcResponses.WriteStatus(context, 16, "a valid credential is required: authorization: Bearer <key or token>"); // UNAUTHENTICATED
        }
    }
}
