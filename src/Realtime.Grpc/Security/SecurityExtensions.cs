using System.Text;
using System.Threading.RateLimiting;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Realtime.Grpc.Security;

/// <summary>Authentication (API keys, JWT, client certificates), per-method scopes and call limits for the API.</summary>
public static class SecurityExtensions
{
    private const string StreamsPolicy = "streams";
    private const string AuthenticatedPolicy = "authenticated";

    public static IHostApplicationBuilder AddApiSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiAuthOptions>().BindConfiguration(ApiAuthOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiAuthOptions>, ApiAuthOptionsValidator>();
        builder.Services.AddOptions<ApiLimitOptions>().BindConfiguration(ApiLimitOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiLimitOptions>, ApiLimitOptionsValidator>();
        var auth = builder.Configuration.GetSection(ApiAuthOptions.SectionName).Get<ApiAuthOptions>() ?? new ApiAuthOptions();
        var limits = builder.Configuration.GetSection(ApiLimitOptions.SectionName).Get<ApiLimitOptions>() ?? new ApiLimitOptions();
        var rateLimits = RateLimitOptions.Read(builder.Configuration.GetSection("Api:RateLimits"));
        foreach (var scope in rateLimits.Keys.Where(s => !ApiScopes.All.Contains(s, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException($"Api:RateLimits:{scope}: unknown scope; known: {string.Join(", ", ApiScopes.All)}");
        }

        var authentication = builder.Services.AddAuthentication(ApiCredentials.Scheme)
            .AddPolicyScheme(ApiCredentials.Scheme, "API key, JWT or client certificate", o => o.ForwardDefaultSelector = context =>
                auth.Jwt.IsConfigured && ApiCredentials.BearerToken(context.Request) is { } token && ApiCredentials.LooksLikeJwt(token)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, _ => { });
        if (auth.Jwt.IsConfigured)
        {
            authentication.AddJwtBearer(o => ConfigureJwt(o, auth.Jwt));
        }

        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(AuthenticatedPolicy, p => p.AddAuthenticationSchemes(ApiCredentials.Scheme).RequireAuthenticatedUser());
            foreach (var scope in ApiScopes.All)
            {
                o.AddPolicy(PolicyName(scope), p => p.AddAuthenticationSchemes(ApiCredentials.Scheme).RequireAuthenticatedUser()
                    .RequireAssertion(c => ApiCredentials.HasScope(c.User, scope)));
            }
        });
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        builder.Services.AddRateLimiter(o => ConfigureLimits(o, limits.MaxConcurrentStreams, rateLimits));
        return builder;
    }

    /// <summary>Authentication, authorization and limits, in that order (limits partition by the authenticated client).</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityExtensions));
        if (auth.Disabled)
        {
            SecurityLog.AuthDisabled(logger);
        }
        else
        {
            SecurityLog.AuthConfigured(logger, auth.Keys.Count, auth.Jwt.IsConfigured, auth.Certificates.Count);
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Requires, on each method endpoint of a service, the method's scope (unless auth is disabled), and limits streaming calls.</summary>
    public static TBuilder RequireMethodScopes<TBuilder>(this TBuilder endpoints, bool authDisabled)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoints.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<GrpcMethodMetadata>().FirstOrDefault() is not { } grpc)
            {
                return;
            }

            var name = grpc.Method.FullName;
            if (!ApiScopes.ByMethod.TryGetValue(name, out var scope))
            {
                throw new InvalidOperationException($"gRPC method {name} has no scope in ApiScopes.ByMethod: every RPC must be scoped");
            }

            endpoint.Metadata.Add(new RequiredScope(scope));
            if (!authDisabled)
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(PolicyName(scope)));
            }

            if (grpc.Method.Type == global::Grpc.Core.MethodType.ServerStreaming)
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(StreamsPolicy));
            }
        });
        return endpoints;
    }

    /// <summary>Requires any valid credential (reflection), unless auth is disabled.</summary>
    public static TBuilder RequireAnyCredential<TBuilder>(this TBuilder endpoints, bool authDisabled)
        where TBuilder : IEndpointConventionBuilder =>
        authDisabled ? endpoints : endpoints.RequireAuthorization(AuthenticatedPolicy);

    /// <summary>Requires one scope (e.g. <c>metrics:read</c> on /metrics), unless auth is disabled.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder endpoints, string scope, bool authDisabled)
        where TBuilder : IEndpointConventionBuilder =>
        authDisabled ? endpoints : endpoints.RequireAuthorization(PolicyName(scope));

    private static string PolicyName(string scope) => "scope:" + scope;

    private static void ConfigureJwt(JwtBearerOptions o, JwtOptions jwt)
    {
        // Claims keep their JWT names (scope, scp, sub) instead of being mapped to long WS-* URIs.
        o.MapInboundClaims = false;
        if (!string.IsNullOrEmpty(jwt.Authority))
        {
            o.Authority = jwt.Authority;
        }

        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = !string.IsNullOrEmpty(jwt.Issuer),
            ValidIssuer = jwt.Issuer,
            ValidateAudience = !string.IsNullOrEmpty(jwt.Audience),
            ValidAudience = jwt.Audience,
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (!string.IsNullOrEmpty(jwt.SigningKey))
        {
            o.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey));
        }
    }

    private static void ConfigureLimits(RateLimiterOptions o, int maxStreams, Dictionary<string, RateLimitOptions> rateLimits)
    {
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var scope = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope;
            if (scope is null || !rateLimits.TryGetValue(scope, out var limit))
            {
                return RateLimitPartition.GetNoLimiter("");
            }

            var client = ApiCredentials.ClientName(context.User);
            return RateLimitPartition.GetTokenBucketLimiter($"{client}\n{scope}", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst > 0 ? limit.Burst : limit.PerSecond,
                TokensPerPeriod = limit.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        o.AddConcurrencyLimiter(StreamsPolicy, c =>
        {
            c.PermitLimit = maxStreams;
            c.QueueLimit = 0;
        });
        o.OnRejected = (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var streams = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == StreamsPolicy
                && !rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan _);
            SecurityMetrics.Limited.WithLabels(SecurityMetrics.ClientLabel(ApiCredentials.ClientName(context.User)), streams ? "streams" : "rate").Inc();
            if (GrpcResponses.IsGrpc(context.Request))
            {
                GrpcResponses.WriteStatus(context, 8, streams ? "too many streaming calls at once; retry later" : "rate limit exceeded; retry later"); // RESOURCE_EXHAUSTED
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }

            return ValueTask.CompletedTask;
        };
    }
}
