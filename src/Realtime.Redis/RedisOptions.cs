using System.ComponentModel.DataAnnotations;

namespace Realtime.Redis;

/// <summary>Redis connection and key layout (section <c>Redis</c>).</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>StackExchange.Redis configuration string. Default <c>127.0.0.1:6379</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key the engine writes, so several deployments (or tests) can share one Redis. Default <c>rt</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]{1,32}$", ErrorMessage = "Redis:KeyPrefix must be 1-32 letters, digits, '_', '.' or '-'")]
    public string KeyPrefix { get; set; } = "rt";

    /// <summary>
    /// How long one Redis operation may take before it fails with a timeout, in milliseconds: the multiplexer's sync and
    /// async timeouts and its connect timeout (overriding <c>syncTimeout</c>, <c>asyncTimeout</c> and <c>connectTimeout</c>
    /// in <see cref="ConnectionString"/>). With Redis down, API reads answer <c>UNAVAILABLE</c> after about this long
    /// instead of hanging. Default 1000.
    /// </summary>
    [Range(50, 60_000)]
    public int OperationTimeoutMs { get; set; } = 1000;
}
