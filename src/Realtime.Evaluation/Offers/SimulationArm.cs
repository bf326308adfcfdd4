namespace Realtime.Evaluation.Offers;

/// <summary>How a simulated customer's offers are decided.</summary>
public enum SimulationArm
{
    /// <summary>Never shown anything (the engine's holdout).</summary>
    Holdout,

    /// <summary>The playbook with its priors only: no learning.</summary>
    Fixed,

    /// <summary>Thompson sampling over priors plus everything observed so far.</summary>
    Bandit,

    /// <summary>Knows the hidden acceptance rates: the ceiling the bandit can approach.</summary>
    Oracle,
}
