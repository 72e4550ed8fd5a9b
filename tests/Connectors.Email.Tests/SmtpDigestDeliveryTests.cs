using System.Security.Cryptography.X509Certificates;
using MimeKit;
using PosFleet.Digests;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>Digests sent through the SMTP connector to a real SMTP server on 127.0.0.1, with the faults real servers have.</summary>
public sealed class SmtpDigestDeliveryTests : IDisposable
{
    internal static readonly string[] Reachable = ["ana@example.es", "ops@example.com"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The SMTP notifier to the test server: STARTTLS with <paramref name="tls"/>, else <paramref name="security"/> (None unless given).</summary>
    internal static Action<IPosFleetBuilder> Smtp(int port, int maxAttempts = 3, bool tls = false, string? password = null, SmtpSecurity security = SmtpSecurity.None) => b => b.AddSmtpNotifier(o =>
    {
        o.Host = "127.0.0.1";
        o.Port = port;
        o.Security = tls ? SmtpSecurity.StartTls : security;
        o.From = "PosFleet <fleet@example.com>";
        o.MaxAttempts = maxAttempts;
        o.RetryDelay = TimeSpan.Zero; // the clock is fake; back-off itself is tested with a fake transport
        o.MaxRetryDelay = TimeSpan.Zero;
        o.ConnectTimeout = TimeSpan.FromSeconds(10);
        o.CommandTimeout = TimeSpan.FromSeconds(10);
        if (password is not null)
        {
            o.UserName = "fleet";
            o.Password = password;
        }

        if (tls)
        {
            o.CheckCertificateRevocation = false;
            o.ServerCertificateValidation = (_, certificate, _, _) => certificate is X509Certificate2 c && c.Subject == "CN=localhost";
        }
    });

    internal static readonly DigestRunKey Key = new("shop-12", DigestMailHost.Window.Start, DigestMailHost.Window.End);

    /// <summary>Each reachable recipient got exactly one message with the window's Message-Id.</summary>
    internal static void AssertEachReceivedOnce(SmtpTestServer server, IEnumerable<string> recipients)
    {
        var messages = server.Messages();
        foreach (var r in recipients)
        {
            Assert.Single(messages, m => m.Recipients.Contains(r) && m.Message.MessageId == DigestMailHost.MessageIdOf(Key));
        }
    }

    [Fact]
    public async Task RunWindow_ServerWithStartTlsAndAuth_EveryRecipientReceivesTheDigestWithBothPartsGroupedCountsAndHints()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, tls: true, auth: "fleet:s3cret");
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port, tls: true, password: "s3cret"), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        var received = Assert.Single(server.Messages());
        Assert.Equal(Reachable, received.Recipients);
        Assert.True(received.Tls);
        Assert.True(received.Authenticated);
        var m = received.Message;
        Assert.Equal(DigestMailHost.MessageIdOf(Key), m.MessageId);
        Assert.Equal(Key.IdempotencyKey, m.Headers["X-PosFleet-Idempotency-Key"]);
        Assert.StartsWith("Shop 12 follow-up: 12 errors from 11/22/2026 8:00", m.Subject);
        Assert.Equal(["ana@example.es", "ops@example.com"], m.To.Mailboxes.Select(x => x.Address));
        var alternative = Assert.IsType<MultipartAlternative>(m.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("OFFLINE (9)\n-----------\n2. Printer KITCHEN is offline — 9 times", m.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("RETRIES (2)\n-----------\n3. Retrying save of ticket 42 — 2 times", m.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("Terminals (2): till-01, till-02", m.TextBody);
        Assert.Contains("What to do: Check the printer's network cable and power.", m.TextBody);
        Assert.Contains("Knowledge base: " + DigestMailHost.Kb, m.TextBody);
        Assert.Contains("<tr class=\"group\" data-count=\"9\">", m.HtmlBody);
        Assert.Contains($"<a href=\"{DigestMailHost.Kb}\"", m.HtmlBody);
        Assert.All(result.Run!.Recipients, r => Assert.Equal(DigestRecipientStatus.Sent, r.Status));
    }

    [Fact]
    public async Task RunWindow_ConnectionRefused_StaysPendingAndIsSentOnceWhenTheServerIsBack()
    {
        var port = SmtpTestServer.FreePort();
        using var host = await DigestMailHost.StartAsync(Smtp(port, maxAttempts: 2), Reachable);

        var first = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Pending, first.Outcome);
        Assert.All(first.Run!.Recipients, r =>
        {
            Assert.Equal(DigestRecipientStatus.Pending, r.Status);
            Assert.Contains("ConnectionRefused", r.Reason);
        });

        await using var server = await SmtpTestServer.StartAsync(_dir.Path, port: port);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var retried = Assert.Single(await host.Runner.RunDueAsync());

        Assert.Equal(DigestRunOutcome.Sent, retried.Outcome);
        Assert.Equal(2, retried.Run!.Attempts);
        AssertEachReceivedOnce(server, Reachable);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task RunWindow_421OnConnectThreeTimes_IsRetriedWithinAndAcrossRunsAndSentOnce()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, faults: new { connect = new { reply = "421 4.3.2 Too busy, try later", times = 3 } });
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port, maxAttempts: 2), Reachable);

        var first = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);
        Assert.Equal(DigestRunOutcome.Pending, first.Outcome);
        Assert.All(first.Run!.Recipients, r => Assert.Contains("421", r.Reason));
        Assert.Empty(server.Messages());

        host.Time.Advance(TimeSpan.FromMinutes(5));
        var retried = Assert.Single(await host.Runner.RunDueAsync());

        Assert.Equal(DigestRunOutcome.Sent, retried.Outcome);
        Assert.Equal(3, server.Events().Count(e => e.StartsWith("connect 421", StringComparison.Ordinal)));
        AssertEachReceivedOnce(server, Reachable);
        Assert.Single(server.Messages());
        Assert.Empty(await host.Runner.RunDueAsync());
    }

    [Fact]
    public async Task RunWindow_451ToMailFrom_IsRetriedAndSentOnce()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, faults: new { mail = new { reply = "451 4.3.0 Mailbox store busy", times = 1 } });
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        Assert.Contains("mail 451 4.3.0 Mailbox store busy", server.Events());
        AssertEachReceivedOnce(server, Reachable);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task RunWindow_ConnectionDroppedAfterData_IsRetriedAndSentOnce()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, faults: new { data = new { drop = true, times = 1 } });
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        Assert.Contains("data drop", server.Events());
        AssertEachReceivedOnce(server, Reachable);
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task RunWindow_550ForOneRecipient_TheOthersReceiveItOnceAndTheLedgerSaysWhy()
    {
        var faults = new Dictionary<string, object> { ["rcpt"] = new Dictionary<string, object> { ["gone@example.com"] = new { reply = "550 5.1.1 No such user here" } } };
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, faults: faults);
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port), [.. Reachable, "gone@example.com"]);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.PartiallySent, result.Outcome);
        var gone = result.Run!.Recipients.Single(r => r.Recipient == "gone@example.com");
        Assert.Equal(DigestRecipientStatus.Failed, gone.Status);
        Assert.Equal("550 5.1.1 No such user here", gone.Reason);
        AssertEachReceivedOnce(server, Reachable);
        Assert.Equal(Reachable, Assert.Single(server.Messages()).Recipients);
        host.Time.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await host.Runner.RunDueAsync());
        Assert.Single(server.Messages());
    }

    [Fact]
    public async Task RunWindow_451ForOneRecipient_OnlyThatRecipientIsRetried_EachReceivesItOnce()
    {
        var faults = new Dictionary<string, object> { ["rcpt"] = new Dictionary<string, object> { ["ops@example.com"] = new { reply = "451 4.2.0 Greylisted, come back later", times = 1 } } };
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, faults: faults);
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        AssertEachReceivedOnce(server, Reachable);
        Assert.Equal([["ana@example.es"], ["ops@example.com"]], server.Messages().Select(m => m.Recipients));
    }
}
