using Microsoft.Extensions.Logging.Testing;
using PosFleet.Sync.Agent;
using PosFleet.Tests;

namespace PosFleet.Connectors.Http.Tests;

/// <summary>The credential is a secret: no log line of either side holds it, whatever happens to the exchange.</summary>
public sealed class HttpSyncSecretTests
{
    [Fact]
    public async Task SyncNowAsync_SuccessRefusalsAndFailures_NeverLogTheSecretOnEitherSide()
    {
        await using var server = await SyncBackOfficeServer.StartAsync(backOffice: o => o.MinimumApplicationVersion = "34");
        var mine = await server.EnrolAsync("till-01");
        await server.EnrolAsync("till-02");
        var secret = mine.Credential[(mine.Credential.LastIndexOf('.') + 1)..];
        await using var till = TestTerminal.Create(server.SyncUri, "till-01", mine.Credential);
        await using var impostor = TestTerminal.Create(server.SyncUri, "till-02", mine.Credential);
        await using var old = TestTerminal.Create(server.SyncUri, "till-01", mine.Credential, applicationVersion: "30");
        await till.SellAsync(2);
        await impostor.SellAsync(1);
        await old.SellAsync(1);

        var outcomes = new List<SyncOutcome>
        {
            await till.Agent.SyncNowAsync(),
            await impostor.Agent.SyncNowAsync(),
            await old.Agent.SyncNowAsync(),
        };
        await using var flaky = TestTerminal.Create(server.SyncUri, "till-01", mine.Credential);
        await flaky.SellAsync(1);
        server.AnswerNext(500, times: 4); // the attempt and its three retries
        outcomes.Add(await flaky.Agent.SyncNowAsync());
        await server.RevokeAsync("till-01");
        outcomes.Add(await till.Agent.SyncNowAsync());

        Assert.Equal(
            [SyncOutcomeStatus.Succeeded, SyncOutcomeStatus.Unauthorized, SyncOutcomeStatus.Refused, SyncOutcomeStatus.Unreachable, SyncOutcomeStatus.Unauthorized],
            outcomes.Select(o => o.Status));
        var records = new[] { till.Logs, impostor.Logs, old.Logs, flaky.Logs, server.Logs }.SelectMany(l => l.GetSnapshot()).ToList();
        // Every level was captured: the transport's debug lines and the resilience pipeline's.
        Assert.Contains(records, r => r.Category?.EndsWith("HttpSyncTransport", StringComparison.Ordinal) == true);
        Assert.Contains(records, r => r.Category?.StartsWith("Polly", StringComparison.Ordinal) == true);
        var leaks = records.Where(r => Text(r).Contains(secret, StringComparison.Ordinal)).Select(r => r.Category + ": " + Text(r)).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n---\n", leaks));
        Assert.DoesNotContain(outcomes, o => (o.Error ?? "").Contains(secret, StringComparison.Ordinal));
    }

    private static string Text(FakeLogRecord record) =>
        record.Message + " " + string.Join(" ", record.StructuredState?.Select(p => p.Value) ?? []) + " " + record.Exception;
}
