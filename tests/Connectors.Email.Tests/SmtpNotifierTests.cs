using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
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

    private static SmtpNotifier Notifier(ScriptedTransport transport, TimeProvider time, int maxAttempts = 3) => new(
        transport,
        Options.Create(new SmtpNotifierOptions { Host = "smtp.example.com", From = "fleet@example.com", MaxAttempts = maxAttempts, RetryDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromSeconds(30) }),
        time,
        NullLogger<SmtpNotifier>.Instance);

    [Fact]
    public async Task SendAsync_TransientFailure_WaitsABackOffWithJitterBeforeTheNextAttempt()
    {
        var time = new FakeTimeProvider();
        var transport = new ScriptedTransport(n => n == 1 ? new SocketException((int)SocketError.ConnectionReset) : null);

        var sending = Notifier(transport, time).SendAsync(Message, CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.Equal(1, transport.Attempts);
        time.Advance(TimeSpan.FromMilliseconds(999)); // jitter keeps the first retry between 1 s and 2 s
        await Task.Delay(50);
        Assert.Equal(1, transport.Attempts);
        time.Advance(TimeSpan.FromSeconds(1.5));
        var result = await sending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, transport.Attempts);
        Assert.True(result.AllSent);
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
