using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PosFleet.Connectors.Email.Internal;
using PosFleet.Digests;
using PosFleet.Notifications;
using PosFleet.Tests;
using static PosFleet.Connectors.Email.Tests.SmtpDigestDeliveryTests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>
/// What the SMTP notifier refuses whatever the server says, on a real SMTP server: a password in clear text, retrying
/// a password the server refused, and a non-ASCII local part to a server without SMTPUTF8. Each fails for good, with
/// the reason in the ledger, and is not retried by a later run.
/// </summary>
public sealed class SmtpNotifierGuardTests : IDisposable
{
    private const string Jose = "josé@example.com";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IEnumerable<string> AuthEvents(SmtpTestServer server) => server.Events().Where(e => e.StartsWith("auth ", StringComparison.Ordinal));

    [Fact]
    public async Task RunWindow_AutoSecurityUserNameAndNoStartTls_FailsForGoodWithoutSendingTheCredentials()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, auth: "fleet:s3cret");
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port, password: "s3cret", security: SmtpSecurity.Auto), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);
        host.Time.Advance(TimeSpan.FromHours(2));
        var later = await host.Runner.RunDueAsync();

        Assert.Equal(DigestRunOutcome.Failed, result.Outcome);
        Assert.All(result.Run!.Recipients, r =>
        {
            Assert.Equal(DigestRecipientStatus.Failed, r.Status);
            Assert.StartsWith($"The SMTP server 127.0.0.1:{server.Port} offers no STARTTLS, so the password of user 'fleet' was not sent in clear text", r.Reason, StringComparison.Ordinal);
            Assert.Contains("--smtp-security none", r.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("s3cret", r.Reason, StringComparison.Ordinal);
        });
        Assert.Empty(AuthEvents(server)); // the server never saw an AUTH command
        Assert.Empty(server.Messages());
        Assert.Empty(later);
    }

    [Fact]
    public async Task RunWindow_NoneSecurityAskedExplicitly_LogsInWithoutTlsAndDelivers()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, auth: "fleet:s3cret");
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port, password: "s3cret", security: SmtpSecurity.None), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        Assert.Single(AuthEvents(server), e => e.EndsWith(" ok", StringComparison.Ordinal));
        Assert.All(server.Messages(), m => Assert.True(m.Authenticated && !m.Tls));
        AssertEachReceivedOnce(server, Reachable);
    }

    [Fact]
    public async Task RunWindow_WrongPassword_FailsForGoodAsAnAuthenticationFailureTriedOnce()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, tls: true, auth: "fleet:s3cret");
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port, maxAttempts: 3, tls: true, password: "wrong-Pa55"), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);
        host.Time.Advance(TimeSpan.FromHours(2));
        var later = await host.Runner.RunDueAsync();

        Assert.Equal(DigestRunOutcome.Failed, result.Outcome);
        Assert.All(result.Run!.Recipients, r =>
        {
            Assert.Equal(DigestRecipientStatus.Failed, r.Status);
            Assert.StartsWith($"SMTP authentication failed for user 'fleet' at 127.0.0.1:{server.Port} (", r.Reason, StringComparison.Ordinal);
            Assert.Contains("535", r.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong-Pa55", r.Reason, StringComparison.Ordinal);
        });
        // One login, not retried within the run or after it: MailKit tries each mechanism the server offers once.
        var logins = AuthEvents(server).ToList();
        Assert.NotEmpty(logins);
        Assert.All(logins, e => Assert.EndsWith(" refused", e, StringComparison.Ordinal));
        Assert.Equal(logins.Distinct().Count(), logins.Count);
        Assert.Empty(server.Messages());
        Assert.Empty(later);
    }

    [Fact]
    public async Task RunWindow_NonAsciiLocalPartAndServerWithoutSmtpUtf8_TheOthersReceiveItAndThatRecipientFailsWithTheReason()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, smtpUtf8: false);
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port), [Reachable[0], Jose, Reachable[1]]);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.PartiallySent, result.Outcome);
        var jose = result.Run!.Recipients.Single(r => r.Recipient == Jose);
        Assert.Equal(DigestRecipientStatus.Failed, jose.Status);
        Assert.Equal(
            $"'{Jose}' has a non-ASCII local part, which needs SMTPUTF8 (RFC 6531), and the SMTP server 127.0.0.1:{server.Port} does not offer it; send through a server that offers SMTPUTF8, or give this recipient an ASCII address.",
            jose.Reason);
        var received = Assert.Single(server.Messages());
        Assert.Equal(Reachable, received.Recipients);
        Assert.DoesNotContain(received.Message.To.Mailboxes, m => m.Address == Jose);
    }

    [Fact]
    public async Task RunWindow_NonAsciiLocalPartAndServerWithSmtpUtf8_EveryRecipientReceivesIt()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, smtpUtf8: true);
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port), [Reachable[0], Jose, Reachable[1]]);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);

        Assert.Equal(DigestRunOutcome.Sent, result.Outcome);
        Assert.Equal([Reachable[0], Jose, Reachable[1]], Assert.Single(server.Messages()).Recipients);
    }

    [Fact]
    public async Task RunWindow_StartTlsRequiredAndNotOffered_FailsForGoodNamingTheOption()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path);
        using var host = await DigestMailHost.StartAsync(Smtp(server.Port, security: SmtpSecurity.StartTls), Reachable);

        var result = await host.Runner.RunWindowAsync("shop-12", DigestMailHost.Window);
        host.Time.Advance(TimeSpan.FromHours(2));
        var later = await host.Runner.RunDueAsync();

        Assert.Equal(DigestRunOutcome.Failed, result.Outcome);
        Assert.All(result.Run!.Recipients, r => Assert.StartsWith(
            $"The SMTP server 127.0.0.1:{server.Port} does not offer STARTTLS, which SmtpNotifierOptions.Security StartTls requires", r.Reason, StringComparison.Ordinal));
        Assert.Empty(server.Messages());
        Assert.Empty(later);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_LogsTheAuthenticationFailureWithoutThePassword()
    {
        await using var server = await SmtpTestServer.StartAsync(_dir.Path, tls: true, auth: "fleet:s3cret");
        var logger = new FakeLogger<SmtpNotifier>();
        var options = new SmtpNotifierOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Security = SmtpSecurity.StartTls,
            UserName = "fleet",
            Password = "wrong-Pa55",
            From = "fleet@example.com",
            CheckCertificateRevocation = false,
            ServerCertificateValidation = (_, certificate, _, _) => certificate?.Subject == "CN=localhost",
        };
        var notifier = new SmtpNotifier(new MailKitSmtpTransportFactory(), Options.Create(options), new FakeTimeProvider(), logger);

        var result = await notifier.SendAsync(new NotificationMessage { Recipients = Reachable, Subject = "s", Text = "t", IdempotencyKey = "k" }, CancellationToken.None);

        Assert.All(result.Deliveries, d => Assert.Equal(DeliveryStatus.PermanentFailure, d.Status));
        var records = logger.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Exception?.Message.StartsWith("SMTP authentication failed for user 'fleet'", StringComparison.Ordinal) == true);
        Assert.All(records, r => Assert.DoesNotContain("wrong-Pa55", r.Message + r.Exception, StringComparison.Ordinal));
    }
}
