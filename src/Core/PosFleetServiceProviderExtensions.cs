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
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it and the fix (every failure, when several options types fail).</exception>
    public static void ValidatePosFleetOptions(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            // Several options types failed: one exception listing every failure, each naming its option and the fix.
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().ToList();
            throw new OptionsValidationException(failures[0].OptionsName, failures[0].OptionsType, [.. failures.SelectMany(f => f.Failures)]);
        }
    }
}
