using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PosFleet.Sync;

namespace PosFleet.AspNetCore.Tests;

public sealed class SyncEndpointRegistrationTests
{
    [Fact]
    public async Task MapPosFleetSync_WithoutTheBackOffice_ThrowsNamingTheRegistration()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddPosFleet();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPosFleetSync());

        Assert.Contains("AddSyncBackOffice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPosFleetSync_ConventionBuilder_ReachesTheEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddPosFleet().AddSyncBackOffice();
        await using var app = builder.Build();

        app.MapPosFleetSync("/sync/v1").WithName("posfleet-sync");

        var endpoint = Assert.Single(((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints));
        Assert.Equal("posfleet-sync", endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
        Assert.Equal("/sync/v1", ((RouteEndpoint)endpoint).RoutePattern.RawText);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(512L * 1024 * 1024)]
    public void AddSyncEndpoint_BodyLimitOutOfRange_FailsNamingTheOption(long limit)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddSyncEndpoint(o => o.MaxRequestBodyBytes = limit);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SyncEndpointOptions>>().Value);

        Assert.Contains("SyncEndpointOptions.MaxRequestBodyBytes", error.Message, StringComparison.Ordinal);
    }
}
