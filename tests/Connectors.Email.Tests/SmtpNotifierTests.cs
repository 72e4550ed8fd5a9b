using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using NSubstitute;
using PosFleet.Connectors.Email.Internal;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Tests;

public sealed class SmtpNotifierTests
{
    private static readonly NotificationMessage Message = new()
    {
        Recipients = ["ana@example.es", "ops@example.com"],
        Subject = "s",
        Text = "t",
        IdempotencyKey = "k",
    };

    /// <summary>A transport whose sends fail as the test says, counting attempts.</summary>
    private sealed class ScriptedTransport(Func<int, Exception?> failure) : ISmtpTransportFactory, ISmtpTransport
    {
        public int Attempts { get; private set; }

        public bool IsSecure => true;

        public bool SupportsSmtpUtf8 => true;

        public ISmtpTransport Create() => this;

        public Task ConnectAsync(SmtpNotifierOptions options, CancellationToken cancellationToken)
        {
            Attempts++;
            return failure(Attempts) is { } ex ? Task.FromException(ex) : Task.CompletedTask;
        }

        public Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<SmtpRejection>> SendAsync(MimeMessage message, MailboxAddress sender, IReadOnlyList<MailboxAddress> recipients, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SmtpRejection>>([]);

        public Task DisconnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A substitute transport: the test says what each call returns and checks what the notifier asked of it.</summary>
    private static (ISmtpTransportFactory Factory, ISmtpTransport Transport) Substitutes()
    {
        var transport = Substitute.For<ISmtpTransport>();
        var factory = Substitute.For<ISmtpTransportFactory>();
        factory.Create().Returns(transport);
        return (factory, transport);
    }

    private static SmtpNotifier Notifier(ISmtpTransportFactory transports, TimeProvider time, int maxAttempts = 3) => new(
        transports,
        Options.Create(new SmtpNotifierOptions { Host = "smtp.example.com", From = "fleet@example.com", MaxAttempts = maxAttempts, RetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromSeconds(30) }),
        time,
        NullLogger<SmtpNotifier>.Instance);

    [Fact]
    public async Task SendAsync_TransientFailure_RetriesOnlyWhenTheClockHasPassedTheBackOff()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport(n => n == 1 ? new SocketException((int)SocketError.ConnectionReset) : null);

        // Until the back-off delay, everything runs synchronously: the first attempt has failed when SendAsync returns.
        var sending = Notifier(transport, time).SendAsync(Message, CancellationToken.None).AsTask();
        Assert.Equal(1, transport.Attempts);
        Assert.False(sending.IsCompleted); // waiting on the fake clock, which has not moved
        time.Advance(TimeSpan.FromSeconds(30)); // MaxRetryDelay caps every back-off, jitter included
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, transport.Attempts);
        Assert.True(result.AllSent);
    }

    [Fact]
    public async Task SendAsync_PermanentFailure_DoesNotCallTheTransportAgain()
    {
        var (factory, transport) = Substitutes();
        transport.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<MailboxAddress>(), Arg.Any<IReadOnlyList<MailboxAddress>>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<IReadOnlyList<SmtpRejection>>(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "Message refused")));

        var result = await Notifier(factory, TimeProvider.System).SendAsync(Message, CancellationToken.None);

        Assert.All(result.Deliveries, d => Assert.Equal(new NotificationDelivery(d.Recipient, DeliveryStatus.PermanentFailure, "554 Message refused"), d));
        factory.Received(1).Create();
        await transport.ReceivedWithAnyArgs(1).SendAsync(default!, default!, default!, default);
        await transport.DidNotReceiveWithAnyArgs().DisconnectAsync(default);
    }

    [Fact]
    public async Task SendAsync_4xxForOneRecipientAnd5xxForAnother_RetriesOnlyThe4xxOne_AndReportsEachExactly()
    {
        var (factory, transport) = Substitutes();
        var message = Message with { Recipients = ["ana@example.es", "Ops <ops@example.com>", "gone@example.com", "not an address"] };
        transport.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<MailboxAddress>(), Arg.Any<IReadOnlyList<MailboxAddress>>(), Arg.Any<CancellationToken>())
            .Returns(
                Task.FromResult<IReadOnlyList<SmtpRejection>>([new(MailboxAddress.Parse("ops@example.com"), 451, "4.2.0 Greylisted"), new(MailboxAddress.Parse("gone@example.com"), 550, "5.1.1 No such user")]),
                Task.FromResult<IReadOnlyList<SmtpRejection>>([]));

        var time = new FakeTimeProvider();

        var sending = Notifier(factory, time, maxAttempts: 2).SendAsync(message, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(30));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(
            [
                new NotificationDelivery("ana@example.es", DeliveryStatus.Sent),
                new NotificationDelivery("Ops <ops@example.com>", DeliveryStatus.Sent),
                new NotificationDelivery("gone@example.com", DeliveryStatus.PermanentFailure, "550 5.1.1 No such user"),
                new NotificationDelivery("not an address", DeliveryStatus.PermanentFailure, "'not an address' is not an e-mail address."),
            ],
            result.Deliveries);
        NSubstitute.Received.InOrder(() =>
        {
            transport.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<MailboxAddress>(), Arg.Is<IReadOnlyList<MailboxAddress>>(r => r.Select(m => m.Address).SequenceEqual(new[] { "ana@example.es", "ops@example.com", "gone@example.com" })), Arg.Any<CancellationToken>());
            transport.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<MailboxAddress>(), Arg.Is<IReadOnlyList<MailboxAddress>>(r => r.Select(m => m.Address).SequenceEqual(new[] { "ops@example.com" })), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task SendAsync_TransientFailureEveryTime_ReportsTransientAfterTheLastAttempt()
    {
        var transport = new ScriptedTransport(_ => new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ServiceNotAvailable, "Try again later"));

        var result = await Notifier(transport, TimeProvider.System, maxAttempts: 1).SendAsync(Message, CancellationToken.None);

        Assert.All(result.Deliveries, d =>
        {
            Assert.Equal(DeliveryStatus.TransientFailure, d.Status);
            Assert.Equal("421 Try again later", d.Reason);
        });
    }

    [Fact]
    public async Task SendAsync_5xxToTheTransaction_ReportsPermanentWithoutRetrying()
    {
        var transport = new ScriptedTransport(_ => new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "Message refused"));

        var result = await Notifier(transport, TimeProvider.System).SendAsync(Message, CancellationToken.None);

        Assert.Equal(1, transport.Attempts);
        Assert.All(result.Deliveries, d => Assert.Equal(DeliveryStatus.PermanentFailure, d.Status));
    }

    [Fact]
    public async Task SendAsync_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        var transport = new ScriptedTransport(_ =>
        {
            cancel.Cancel();
            return new OperationCanceledException(cancel.Token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Notifier(transport, TimeProvider.System).SendAsync(Message, cancel.Token));
    }

    [Fact]
    public void AddSmtpNotifier_InvalidOptions_FailAtStartNamingEachOption()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddPosFleet().AddSmtpNotifier(o =>
        {
            o.Port = 0;
            o.From = "fleet";
            o.UserName = "fleet";
            o.ConnectTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<INotifier>(NotificationChannel.Email));

        Assert.Contains("SmtpNotifierOptions.Host", error.Message);
        Assert.Contains("SmtpNotifierOptions.Port", error.Message);
        Assert.Contains("SmtpNotifierOptions.From 'fleet'", error.Message);
        Assert.Contains("SmtpNotifierOptions.Password", error.Message);
        Assert.Contains("SmtpNotifierOptions.ConnectTimeout", error.Message);
    }

    [Fact]
    public void MessageIdFor_SameKey_IsTheSameOnEveryHost()
    {
        Assert.Equal(MimeMessageFactory.MessageIdFor("posfleet-digest/a/1/2", "example.com"), MimeMessageFactory.MessageIdFor("posfleet-digest/a/1/2", "example.com"));
        Assert.NotEqual(MimeMessageFactory.MessageIdFor("posfleet-digest/a/1/2", "example.com"), MimeMessageFactory.MessageIdFor("posfleet-digest/a/1/3", "example.com"));
        Assert.EndsWith("@example.com", MimeMessageFactory.MessageIdFor("k", "example.com"));
    }
}
