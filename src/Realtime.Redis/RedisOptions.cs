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
}
