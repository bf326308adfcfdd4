using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Realtime.Redis;
using StackExchange.Redis;

namespace Realtime.Host.Dashboard;

/// <summary>
/// One-time login tokens and the browser sessions they open, both in Redis so any API replica (and the CLI, which is
/// another process) sees them. Only SHA-256 hashes are stored: a Redis dump holds no usable token or session. A token
/// is deleted as it is redeemed (GETDEL), so it opens one session at most.
/// </summary>
public sealed class DashboardSessions(IConnectionMultiplexer redis, RedisKeys keys, IOptions<DashboardOptions> options)
{
    private readonly DashboardOptions _options = options.Value;

    /// <summary>A fresh login token, valid for <see cref="DashboardOptions.LoginTokenSeconds"/> and for one login.</summary>
    public async Task<string> MintLoginTokenAsync(CancellationToken ct)
    {
        var token = NewSecret();
        await redis.GetDatabase().StringSetAsync(LoginKey(token), "1", TimeSpan.FromSeconds(_options.LoginTokenSeconds)).WaitAsync(ct);
        return token;
    }

    /// <summary>Redeems a login token: a new session id, or null when the token is unknown, used or expired.</summary>
    public async Task<string?> RedeemAsync(string token, CancellationToken ct)
    {
        if (!LooksLikeSecret(token))
        {
            return null;
        }

        var db = redis.GetDatabase();
        if ((await db.StringGetDeleteAsync(LoginKey(token)).WaitAsync(ct)).IsNull)
        {
            return null;
        }

        var session = NewSecret();
        await db.StringSetAsync(SessionKey(session), "1", SessionLifetime).WaitAsync(ct);
        return session;
    }

    /// <summary>True while the session exists (not expired, not revoked).</summary>
    public async Task<bool> IsValidAsync(string session, CancellationToken ct) =>
        LooksLikeSecret(session) && await redis.GetDatabase().KeyExistsAsync(SessionKey(session)).WaitAsync(ct);

    public TimeSpan SessionLifetime => TimeSpan.FromHours(_options.SessionHours);

    private string LoginKey(string token) => $"{keys.Prefix}:dashboard:login:{Hash(token)}";

    private string SessionKey(string session) => $"{keys.Prefix}:dashboard:session:{Hash(session)}";

    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    // 32 random bytes in base64url: 43 characters. Anything else is refused before touching Redis.
    private static bool LooksLikeSecret(string value) =>
        value.Length == 43 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
