using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PosFleet.Digests;
using PosFleet.Notifications;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>
/// What <c>digest add</c> accepts (<see cref="DigestSubscription.ParseRecipients(string)"/>) is exactly what the SMTP
/// connector sends to, on a real SMTP server (offering SMTPUTF8, as RFC 6531 asks of servers that take non-ASCII
/// local parts): both use one grammar, MimeKit's.
/// </summary>
public sealed class EmailAddressAgreementTests(EmailAddressAgreementTests.Server server) : IClassFixture<EmailAddressAgreementTests.Server>
{
    /// <summary>One SMTP server for every case.</summary>
    public sealed class Server : IAsyncLifetime, IDisposable
    {
        private readonly TempDirectory _dir = new();
        private ServiceProvider? _provider;

        internal SmtpTestServer Smtp { get; private set; } = null!;

        public INotifier Notifier { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Smtp = await SmtpTestServer.StartAsync(_dir.Path, smtpUtf8: true);
            var services = new ServiceCollection();
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddPosFleet().AddSmtpNotifier(o =>
            {
                o.Host = "127.0.0.1";
                o.Port = Smtp.Port;
                o.Security = SmtpSecurity.None;
                o.From = "PosFleet <fleet@example.com>";
                o.MaxAttempts = 1;
            });
            _provider = services.BuildServiceProvider();
            Notifier = _provider.GetRequiredService<INotifier>();
        }

        public async Task DisposeAsync()
        {
            if (_provider is not null)
            {
                await _provider.DisposeAsync();
            }

            await Smtp.DisposeAsync();
        }

        public void Dispose() => _dir.Dispose();
    }

    [Theory]
    [InlineData("\"ana ruiz\"@example.es", true)] // quoted local part
    [InlineData("\"Ruiz, Ana\" <ana@example.es>", true)] // display name holding a comma
    [InlineData("Ana Ruiz <ana.ruiz@example.es>", true)]
    [InlineData("ana@bücher.example", true)] // IDN domain, sent as xn--bcher-kva
    [InlineData("ñandú@example.es", true)] // non-ASCII local part: servers that offer SMTPUTF8 take it; without, the notifier fails that recipient itself
    [InlineData("a@b", true)] // no dot in the domain: a local relay's name
    [InlineData("ana@example.es.", true)] // a trailing dot ends a fully qualified domain
    [InlineData("ana@example.es; ops@example.com, Ops (desk) <desk@example.com>", true)] // both separators
    [InlineData("ana.@example.es", false)] // a dot ending the local part
    [InlineData("ana..ruiz@example.es", false)]
    [InlineData("ana ruiz@example.es", false)]
    [InlineData("Ana <ana@example.es", false)]
    [InlineData("ops.example.com", false)]
    [InlineData("ana@@example.es", false)]
    [InlineData("ana@", false)]
    public async Task ParseRecipientsAndSmtpNotifier_TrickyRecipients_AgreeOnWhatIsAnAddress(string typed, bool valid)
    {
        IReadOnlyList<string>? accepted = null;
        try
        {
            accepted = DigestSubscription.ParseRecipients(typed);
        }
        catch (FormatException)
        {
        }

        var key = Guid.NewGuid().ToString("n");
        var result = await server.Notifier.SendAsync(
            new NotificationMessage { Recipients = EmailAddressSyntax.SplitList(typed), Subject = typed, Text = "t", IdempotencyKey = key }, CancellationToken.None);

        Assert.Equal(valid, accepted is not null);
        Assert.True(valid == result.AllSent, string.Join("; ", result.Deliveries.Select(d => $"{d.Recipient}: {d.Status} {d.Reason}")));
        if (valid)
        {
            var received = Assert.Single(server.Smtp.Messages(), m => m.Message.Headers["X-PosFleet-Idempotency-Key"] == key);
            Assert.Equal(accepted!.Count, received.Recipients.Count);
        }
        else
        {
            Assert.Contains(result.Deliveries, d => d.Status == DeliveryStatus.PermanentFailure && d.Reason!.EndsWith("is not an e-mail address.", StringComparison.Ordinal));
        }
    }
}
