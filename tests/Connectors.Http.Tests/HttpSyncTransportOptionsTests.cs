using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;
using PosFleet.Sync;
using PosFleet.Sync.Exchange;

namespace PosFleet.Connectors.Http.Tests;

public sealed class HttpSyncTransportOptionsTests
{
    [Theory]
    [InlineData("https://backoffice.example.com/posfleet/sync")]
    [InlineData("http://127.0.0.1:5080/posfleet/sync")]
    [InlineData("http://localhost:5080/posfleet/sync")]
    [InlineData("http://[::1]:5080/posfleet/sync")]
    public void UseHttpSyncTransport_HttpsOrLoopback_IsAccepted(string uri) =>
        Assert.Null(Validate(o => o.BackOfficeUri = new Uri(uri)));

    [Fact]
    public void UseHttpSyncTransport_PlainHttpToAnotherMachine_FailsUnlessAllowedExplicitly()
    {
        var uri = new Uri("http://backoffice.example.com/posfleet/sync");

        var refused = Validate(o => o.BackOfficeUri = uri);
        var allowed = Validate(o =>
        {
            o.BackOfficeUri = uri;
            o.AllowInsecureHttp = true;
        });

        Assert.Contains("plain http to another machine", refused, StringComparison.Ordinal);
        Assert.Null(allowed);
    }

    [Theory]
    [InlineData(null, "BackOfficeUri is not set")]
    [InlineData("/posfleet/sync", "not an absolute http(s) address")]
    [InlineData("ftp://backoffice.example.com/sync", "not an absolute http(s) address")]
    [InlineData("https://till:hunter2@backoffice.example.com/sync", "carries user information")]
    public void UseHttpSyncTransport_BadAddress_FailsNamingTheOption(string? uri, string expected)
    {
        var error = Validate(o => o.BackOfficeUri = uri is null ? null : new Uri(uri, UriKind.RelativeOrAbsolute));

        Assert.Contains("HttpSyncTransportOptions.BackOfficeUri", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UseHttpSyncTransport_InconsistentLimits_FailNamingEachOption()
    {
        var error = Validate(o =>
        {
            o.BackOfficeUri = new Uri("https://backoffice.example.com/posfleet/sync");
            o.AttemptTimeout = TimeSpan.FromMinutes(5);
            o.TotalTimeout = TimeSpan.FromMinutes(1);
            o.MaxRetryAttempts = -1;
            o.BreakDuration = TimeSpan.FromMilliseconds(10);
        });

        Assert.Contains("HttpSyncTransportOptions.TotalTimeout", error, StringComparison.Ordinal);
        Assert.Contains("HttpSyncTransportOptions.MaxRetryAttempts", error, StringComparison.Ordinal);
        Assert.Contains("HttpSyncTransportOptions.BreakDuration", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UseHttpSyncTransport_AfterTheInProcessTransport_IsTheTerminalsTransport()
    {
        var services = new ServiceCollection();
        services.AddPosFleet(o => o.TerminalId = "till-01")
            .AddSyncAgent(o => o.Credential = "pft1.x.y")
            .AddSyncInProcessTransport(Substitute.For<ISyncExchangeHandler>())
            .UseHttpSyncTransport(o => o.BackOfficeUri = new Uri("https://backoffice.example.com/posfleet/sync"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal("HttpSyncTransport", provider.GetRequiredService<ISyncTransport>().GetType().Name);
    }

    private static string? Validate(Action<HttpSyncTransportOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseHttpSyncTransport(configure);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<HttpSyncTransportOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
    }
}
