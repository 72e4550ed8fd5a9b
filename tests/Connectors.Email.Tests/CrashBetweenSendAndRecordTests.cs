using PosFleet.Digests;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>
/// A host that dies after the SMTP server accepted the digest but before the ledger recorded it: the run's lease
/// ends, another host sends it again, and the resend carries the same Message-Id, so it is recognisable.
/// </summary>
public sealed class CrashBetweenSendAndRecordTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunDue_HostDiedAfterTheServerAcceptedTheDigest_TheResendHasTheSameMessageId()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path);
        using var host = await DigestMailHost.StartAsync(
            b => b.AddSmtpNotifier(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = server.Port;
                o.Security = SmtpSecurity.None;
                o.From = "fleet@example.com";
            }),
            ["ana@example.es"]);

        // The dying host claimed the run in the shared ledger, and its SMTP transaction went through before it died.
        var key = new DigestRunKey("shop-12", DigestMailHost.Window.Start, DigestMailHost.Window.End);
        var now = host.Time.GetUtcNow();
        Assert.NotNull(await host.Store.TryClaimRunAsync(new DigestRunClaim(key, DigestTrigger.Scheduled, "dead-host", now, now.AddMinutes(10), ["ana@example.es"], 10), default));
        await SendWithoutRecordingAsync(server.Port, key);
        Assert.Single(server.Messages());

        Assert.Empty(await host.Runner.RunDueAsync()); // its lease still holds
        host.Time.Advance(TimeSpan.FromMinutes(10));
        var resent = Assert.Single(await host.Runner.RunDueAsync());

        Assert.Equal(DigestRunOutcome.Sent, resent.Outcome);
        Assert.Equal(2, resent.Run!.Attempts);
        var messages = server.Messages();
        Assert.Equal(2, messages.Count);
        Assert.Equal(DigestMailHost.MessageIdOf(key), messages[0].Message.MessageId);
        Assert.Equal(messages[0].Message.MessageId, messages[1].Message.MessageId);
    }

    /// <summary>What went on the wire before the crash: the same window sent by a host whose ledger is then lost.</summary>
    private static async Task SendWithoutRecordingAsync(int port, DigestRunKey key)
    {
        using var dead = await DigestMailHost.StartAsync(
            b => b.AddSmtpNotifier(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = port;
                o.Security = SmtpSecurity.None;
                o.From = "fleet@example.com";
            }),
            ["ana@example.es"]);
        var result = await dead.Runner.RunWindowAsync("shop-12", key.Window);
        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
    }
}
