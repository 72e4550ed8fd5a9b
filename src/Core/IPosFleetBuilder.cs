using Microsoft.Extensions.DependencyInjection;

namespace PosFleet;

/// <summary>Returned by <see cref="PosFleetServiceCollectionExtensions.AddPosFleet(IServiceCollection, Action{PosFleetOptions}?)"/>; connector packages extend it (<c>UseSqliteStorage</c>, <c>AddSmtpNotifier</c> …).</summary>
public interface IPosFleetBuilder
{
    /// <summary>The service collection PosFleet is registered in.</summary>
    IServiceCollection Services { get; }
}
