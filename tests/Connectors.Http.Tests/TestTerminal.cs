using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Outbox;

namespace PosFleet.Connectors.Http.Tests;

/// <summary>A terminal as a host composes it: its outbox, the sync agent (exchanging only when asked) and the HTTP transport.</summary>
internal sealed class TestTerminal : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private TestTerminal(ServiceProvider provider) => _provider = provider;

    public ISyncAgent Agent => _provider.GetRequiredService<ISyncAgent>();

    public IOutbox Outbox => _provider.GetRequiredService<IOutbox>();

    /// <summary>The terminal's container, for the stores and services a test looks into.</summary>
    public IServiceProvider Services => _provider;

    /// <summary>Every log record of the terminal, at every level, <c>HttpClient</c>'s included.</summary>
    public FakeLogCollector Logs => _provider.GetFakeLogCollector();

    public static TestTerminal Create(
        Uri backOffice,
        string terminalId,
        string? credential,
        string organization = "ACME",
        string applicationVersion = "34.1",
        Action<HttpSyncTransportOptions>? http = null,
        Action<IHttpClientBuilder>? client = null,
        Action<IPosFleetBuilder>? storage = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        var fleet = services.AddPosFleet(o =>
        {
            o.TerminalId = terminalId;
            o.Organization = organization;
        });
        storage?.Invoke(fleet);
        fleet.AddSyncAgent(o =>
            {
                o.Credential = credential;
                o.ApplicationVersion = applicationVersion;
                o.EnableBackground = false;
            })
            .UseHttpSyncTransport(o =>
            {
                o.BackOfficeUri = backOffice;
                o.RetryDelay = TimeSpan.Zero; // retries at once: no test waits on a real clock
                http?.Invoke(o);
            });
        client?.Invoke(services.AddHttpClient(HttpSyncPosFleetBuilderExtensions.HttpClientName));
        var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();
        return new TestTerminal(provider);
    }

    /// <summary>Writes <paramref name="count"/> tickets into the outbox and returns their ids.</summary>
    public async Task<List<Guid>> SellAsync(int count)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var payload = JsonDocument.Parse($"{{\"ticket\":{i},\"total\":{i + 10}.50}}").RootElement;
            ids.Add((await Outbox.EnqueueAsync(OutboxMessage.Create("ticket", payload, TimeProvider.System), CancellationToken.None)).Id);
        }

        return ids;
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
