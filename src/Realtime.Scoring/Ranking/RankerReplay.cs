using Realtime.Core.Events;
using Realtime.Core.Recommendations;
using Realtime.Core.Recommendations.Ranking;
using Realtime.Core.State;

namespace Realtime.Scoring.Ranking;

/// <summary>
/// Replays an event log in time order through the production code — <see cref="CustomerFold"/> for customer state,
/// <see cref="ItemSignalUpdate"/> into an <see cref="InMemoryItemSignalStore"/> — plus each customer's
/// <see cref="PurchaseProfile"/>, and builds the ranker's candidates for a customer as of a moment. Point in time by
/// construction: <see cref="Candidates"/> sees only what <see cref="Apply"/> was given before it.
/// </summary>
public sealed class RankerReplay
{
    private readonly RecommendationOptions _recommendation;
    private readonly ItemSignalOptions _signals;
    private readonly InMemoryItemSignalStore _store;
    private readonly Dictionary<string, CustomerState> _states = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PurchaseProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>>? _seen;
    private readonly ItemSignalBatch _batch = new();

    /// <param name="recommendation">Engine options (generators, blend).</param>
    /// <param name="signals">Item-statistics options; the epoch should be the log's start.</param>
    /// <param name="excludeSeen">Exclude every product the customer viewed or bought before (MovieLens: a movie is rated once).</param>
    public RankerReplay(RecommendationOptions recommendation, ItemSignalOptions signals, bool excludeSeen = false)
    {
        _recommendation = recommendation;
        _signals = signals;
        _store = new InMemoryItemSignalStore(signals);
        _seen = excludeSeen ? new(StringComparer.Ordinal) : null;
    }

    /// <summary>Whether events of the customer are a guest's (item statistics only, no state or profile).</summary>
    public static bool IsGuest(string customerId) => customerId.Length == 0 || customerId.StartsWith("guest-", StringComparison.Ordinal);

    /// <summary>The customer's purchase profile so far (empty when unknown).</summary>
    public PurchaseProfile ProfileOf(string customerId) => _profiles.GetValueOrDefault(customerId) ?? PurchaseProfile.Empty;

    /// <summary>Builds the candidates of an anonymous-context request by <paramref name="customerId"/> at <paramref name="nowMs"/>.</summary>
    public void Candidates(string customerId, long nowMs, RankerCandidates into, IReadOnlyCollection<string>? exclusions = null)
    {
        var state = _states.GetValueOrDefault(customerId);
        var profile = ProfileOf(customerId);
        var request = new RecommendationRequest
        {
            Count = RecommendationRequest.MaxCount,
            Exclusions = exclusions ?? (IReadOnlyCollection<string>?)_seen?.GetValueOrDefault(customerId) ?? [],
        };
        var snapshot = _store.Read(RankerPlan.Plan(request, state, profile, _recommendation, nowMs));
        RankerCandidateBuilder.Build(request, state, profile, snapshot, _recommendation, nowMs, into);
    }

    /// <summary>The state and store as a request would read them (the harness's blend runs on the same).</summary>
    public (CustomerState? State, InMemoryItemSignalStore Store) View(string customerId) => (_states.GetValueOrDefault(customerId), _store);

    /// <summary>Applies one event (call in log order, after any question asked at its time).</summary>
    public void Apply(CustomerEvent e)
    {
        // Guests and catalog events have no customer state: their statistics are computed against an empty state.
        var guest = IsGuest(e.CustomerId);
        CustomerState before;
        if (guest)
        {
            before = new CustomerState(e.CustomerId);
        }
        else if (!_states.TryGetValue(e.CustomerId, out before!))
        {
            _states[e.CustomerId] = before = new CustomerState(e.CustomerId);
        }

        _batch.Clear();
        ItemSignalUpdate.Compute(before, e, _signals, _batch);
        _store.Apply(_batch);
        if (guest)
        {
            return;
        }

        CustomerFold.Apply(before, e);
        if (e.Type == EventType.OrderPlaced)
        {
            if (!_profiles.TryGetValue(e.CustomerId, out var profile))
            {
                _profiles[e.CustomerId] = profile = new PurchaseProfile();
            }

            profile.Observe(e);
        }

        if (_seen is not null && (e.ProductId is not null || e.Lines.Count > 0))
        {
            if (!_seen.TryGetValue(e.CustomerId, out var seen))
            {
                _seen[e.CustomerId] = seen = new HashSet<string>(StringComparer.Ordinal);
            }

            if (e.ProductId is { } p)
            {
                seen.Add(p);
            }

            foreach (var line in e.Lines)
            {
                seen.Add(line.ProductId);
            }
        }
    }
}
