using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PosFleet.Logs.Classification;

/// <summary>Registers the rule catalog once, for every capability that reads rules by name.</summary>
internal static class ClassificationRuleCatalogRegistration
{
    public static IServiceCollection TryAddClassificationRuleCatalog(this IServiceCollection services)
    {
        services.TryAddSingleton<IClassificationRuleCatalog, ClassificationRuleCatalog>();
        return services;
    }
}
