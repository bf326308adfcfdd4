using System.Security.Cryptography;
using System.Text;

namespace Realtime.Grpc.Security;

/// <summary>A freshly generated API key and the hash that goes in the configuration.</summary>
/// <param name="Key">The secret: 32 random bytes, base64url without padding. Shown once; never stored by the engine.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the key's UTF-8 bytes: the <c>Api:Auth:Keys:&lt;n&gt;:Sha256</c> value.</param>
public sealed record ApiKey(string Key, string Sha256)
{
    public static ApiKey Create()
    {
        var key = Base64Url(RandomNumberGenerator.GetBytes(32));
        return new ApiKey(key, HashOf(key));
    }

    /// <summary>The hex SHA-256 the configuration holds for <paramref name="key"/>.</summary>
    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
