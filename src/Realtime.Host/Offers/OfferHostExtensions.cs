using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Realtime.Core.Lifecycle;
using Realtime.Core.Offers;
using Realtime.Core.Ports;
using Realtime.Redis;

namespace Realtime.Host.Offers;

/// <summary>Wires next-best-offer decisions: the catalog, the churn/CLV seam, and learning on the ingest side.</summary>
internal static class OfferHostExtensions
{
    public static IHostApplicationBuilder AddOffers(this IHostApplicationBuilder builder, AppMode mode)
    {
        var services = builder.Services;
        services.AddOptions<OfferOptions>().BindConfiguration(OfferOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OfferOptions>, OfferOptionsValidator>();
        services.AddOptions<LifecycleOptions>().BindConfiguration(LifecycleOptions.SectionName);
        services.AddSingleton<FileOfferCatalogSource>();
        services.AddSingleton<IOfferCatalogSource>(sp => sp.GetRequiredService<FileOfferCatalogSource>());
        services.AddHostedService(sp => sp.GetRequiredService<FileOfferCatalogSource>());

        // Churn scores come from the serving churn model when this process serves the API; otherwise CLV only.
        services.TryAddSingleton<IOfferSignals>(sp =>
        {
            var lifecycle = sp.GetRequiredService<IOptions<LifecycleOptions>>().Value;
            var clvModels = sp.GetService<IClvModelSource>();
            return sp.GetService<IChurnModel>() is { } churn ? new ChurnOfferSignals(churn, lifecycle, clvModels) : new BaselineOfferSignals(lifecycle, clvModels);
        });
        if (mode.HasFlag(AppMode.Ingest))
        {
            services.AddSingleton<IBatchEffect, OfferLearningEffect>();
        }

        return builder;
    }
}
