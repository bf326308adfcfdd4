using Realtime.Core.Offers;

namespace Realtime.Application.Offers;

/// <summary>A decision or explanation with the inputs it was made from.</summary>
/// <param name="Published">The decision, its id, the customer's segments and the model version.</param>
/// <param name="Signals">The churn score, CLV and model version the value model used.</param>
/// <param name="Currency">The catalog's currency.</param>
public sealed record OfferAdvice(PublishedDecision Published, OfferSignals Signals, string Currency);
