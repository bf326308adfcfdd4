using Realtime.Core.Lifecycle;
using Realtime.Core.Lifecycle.Clv;
using Realtime.Core.Offers;
using Realtime.Core.Ports;

namespace Realtime.Core.Tests.Lifecycle;

public sealed class ClvModelSourceTests
{
    private static readonly ClvModel s_fitted = new(new BgNbdParameters(0.5, 20, 0.8, 2.5), new GammaGammaParameters(6, 4, 15));

    [Fact]
    public void Evaluator_and_offer_signals_follow_the_source_from_fallback_to_the_fitted_model()
    {
        var source = new SwitchableSource();
        var evaluator = new LifecycleEvaluator(new LifecycleOptions(), new InMemoryLifecyclePorts(), source);
        var signals = new BaselineOfferSignals(new LifecycleOptions(), source);
        var c = new Customer().Ordered(Customer.T0).Ordered(Customer.T0.AddDays(20)).Ordered(Customer.T0.AddDays(40));
        var now = Customer.T0.AddDays(60);

        Assert.Equal(ClvMethod.Fallback, evaluator.Clv(c.State, now).Method);
        var fallbackValue = signals.For(c.State, now).PredictedClv;

        source.Current = s_fitted;
        Assert.Equal(ClvMethod.Model, evaluator.Clv(c.State, now).Method);
        Assert.Equal(ClvCalculator.Estimate(c.State, now, s_fitted, new LifecycleOptions()).Predicted, signals.For(c.State, now).PredictedClv);
        Assert.NotEqual(fallbackValue, signals.For(c.State, now).PredictedClv);
    }

    private sealed class SwitchableSource : IClvModelSource
    {
        public ClvModel Current { get; set; } = ClvModel.None;
    }
}
