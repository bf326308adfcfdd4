using System.ComponentModel.DataAnnotations;

namespace Realtime.Core.Lifecycle;

/// <summary>
/// The periodic CLV model refit (section <c>Lifecycle:ClvFit</c>): how often BG/NBD + Gamma-Gamma are refitted on the
/// stored customers, on how many at most, and on how few a fit is not attempted.
/// </summary>
public sealed class ClvFitOptions
{
    /// <summary>
    /// Minutes between refits, which is also how long the refit lease holds. Default 60: the parameters describe the
    /// whole population and move slowly, while a fit on 200k customers costs seconds of CPU.
    /// </summary>
    [Range(1, 10_080)]
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Buyers sampled per fit at most (the first ones a key scan returns, which Redis orders by key hash, so it is an
    /// unbiased sample of customers). Default 200,000: the parameters are stable long before that, and the scan and
    /// the fit stay within seconds.
    /// </summary>
    [Range(10, 10_000_000)]
    public int MaxCustomers { get; set; } = 200_000;

    /// <summary>
    /// No fit below this many buyers; the fallback stays in force. Default 500: fewer customers leave the four BG/NBD
    /// parameters poorly determined, and the fallback's own-rhythm estimate is the safer choice.
    /// </summary>
    [Range(10, 10_000_000)]
    public int MinCustomers { get; set; } = 500;

    /// <summary>Checks the settings; throws naming the key.</summary>
    public void Validate()
    {
        if (IntervalMinutes is < 1 or > 10_080 || MinCustomers is < 10 or > 10_000_000 || MaxCustomers is < 10 or > 10_000_000)
        {
            throw new ArgumentException("Lifecycle:ClvFit: IntervalMinutes 1..10080, MinCustomers and MaxCustomers 10..10000000");
        }

        if (MinCustomers > MaxCustomers)
        {
            throw new ArgumentException($"Lifecycle:ClvFit:MinCustomers ({MinCustomers}) must not exceed MaxCustomers ({MaxCustomers})");
        }
    }
}
