using Realtime.Core.Lifecycle.Clv;

namespace Realtime.Application.Lifecycle;

/// <summary>What one CLV refit attempt did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Scanned">Customers read from the store.</param>
/// <param name="Buyers">Of those, customers with orders (the observations the fit used or would have used).</param>
/// <param name="Fit">The fit, when one was computed (stored only with <see cref="ClvFitStatus.Stored"/>).</param>
/// <param name="Reason">Why it was not stored, when it was not.</param>
public sealed record ClvFitOutcome(ClvFitStatus Status, int Scanned, int Buyers, ClvModelFit? Fit, string? Reason);
