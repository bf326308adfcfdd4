using Realtime.Core.State;

namespace Realtime.Core.Offers;

/// <summary>
/// Deterministic holdout membership: the same customer and salt always give the same answer, on every replica and
/// after every restart, so a held-out customer never sees an offer and the comparison stays clean. Changing the salt
/// draws a fresh group.
/// </summary>
public sealed class HoldoutAssigner
{
    private readonly string _salt;

    /// <summary>Creates an assigner holding out <paramref name="share"/> (0–1) of customers under <paramref name="salt"/>.</summary>
    public HoldoutAssigner(double share, string salt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(share, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        Share = share;
        _salt = salt;
    }

    /// <summary>The configured share.</summary>
    public double Share { get; }

    /// <summary>The assigner a catalog's policy describes.</summary>
    public static HoldoutAssigner For(OfferPolicy policy) => new(policy.HoldoutShare, policy.ExperimentSalt);

    /// <summary>True when the customer is held out.</summary>
    public bool IsHoldout(string customerId) => Bucket(customerId) < Share;

    /// <summary>The customer's uniform position in [0, 1) for this salt.</summary>
    public double Bucket(string customerId)
    {
        // FNV-1a alone spreads sequential ids ("c1", "c2", ...) poorly in its high bits; the SplitMix64 finalizer
        // mixes every input bit into every output bit before the top 53 bits become a double.
        var h = StableHash.Of(_salt + "\u001f" + customerId);
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
