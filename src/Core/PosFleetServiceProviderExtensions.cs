using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PosFleet;

/// <summary>What a process without a generic host (a command-line tool, a test, a plug-in) calls on its provider.</summary>
public static class PosFleetServiceProviderExtensions
{
    /// <summary>
    /// Validates now every option registered with <c>ValidateOnStart</c> (PosFleet's and the connectors'), as a generic
    /// host does when it starts, so that a process without a host fails before it does any work.
    /// </summary>
    /// <param name="services">The provider built from the service collection <c>AddPosFleet</c> was called on.</param>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it and the fix.</exception>
    public static void ValidatePosFleetOptions(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
    }
}
