namespace Realtime.Core.Events;

/// <summary>The rule for a well-formed customer (and product) id, shared by ingest and the APIs.</summary>
public static class CustomerIds
{
    /// <summary>Longest accepted id, in characters.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// True when <paramref name="id"/> is 1–64 characters of letters, digits and <c>_ - . : @</c>.
    /// The set is small on purpose: ids end up in Redis keys and Kafka keys.
    /// </summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '@'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why an id is rejected, or null when it is valid.</summary>
    public static string? Problem(string? id, string field) => id switch
    {
        null or "" => $"{field} is required",
        { Length: > MaxLength } => $"{field} is longer than {MaxLength} characters",
        _ when !IsValid(id) => $"{field} may contain only letters, digits and _ - . : @",
        _ => null,
    };
}
