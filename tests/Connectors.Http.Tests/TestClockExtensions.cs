using Microsoft.Extensions.DependencyInjection;

namespace PosFleet.Connectors.Http.Tests;

/// <summary>The test's clock for every PosFleet service of a host: registered after <c>AddPosFleet</c>, so it wins over the system clock.</summary>
internal static class TestClockExtensions
{
    public static IPosFleetBuilder WithClock(this IPosFleetBuilder builder, TimeProvider clock)
    {
        builder.Services.AddSingleton(clock);
        return builder;
    }
}
