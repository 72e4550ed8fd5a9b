using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PosFleet.Notifications;
using Polly;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>
/// Sends a notification over SMTP: one transaction for all its recipients, refused recipients reported one by one
/// (5xx permanent, 4xx transient), and transient failures (refused or reset connections, timeouts, 4xx replies to the
/// transaction or to a recipient) retried by a Polly pipeline with exponential back-off and jitter on the registered
/// <see cref="TimeProvider"/>. Each retry sends only to the recipients still pending. What still fails transiently
/// after the last attempt is reported as such, so the caller keeps it pending.
/// </summary>
internal sealed partial class SmtpNotifier : INotifier
{
    private readonly ISmtpTransportFactory _transports;
    private readonly SmtpNotifierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpNotifier> _logger;
    private readonly ResiliencePipeline<SmtpAttempt> _retry;

    public SmtpNotifier(ISmtpTransportFactory transports, IOptions<SmtpNotifierOptions> options, TimeProvider time, ILogger<SmtpNotifier> logger)
    {
        _transports = transports;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _retry = CreateRetryPipeline(_options, time, logger);
    }

    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (valid, invalid) = MimeMessageFactory.Parse(message.Recipients);
        var send = new SendState(this, message, MimeMessageFactory.ParseSender(_options.From), valid);
        foreach (var r in invalid)
        {
            send.Outcomes[r] = new NotificationDelivery(r, DeliveryStatus.PermanentFailure, $"'{r}' is not an e-mail address.");
        }

        if (valid.Count > 0)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(KeyProperty, message.IdempotencyKey);
            try
            {
                await _retry.ExecuteAsync(static (context, s) => s.Notifier.AttemptAsync(s, context.CancellationToken), context, send).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsPermanent(ex))
            {
                Log.PermanentFailure(_logger, message.IdempotencyKey, ex);
                send.SetPending(DeliveryStatus.PermanentFailure, Describe(ex));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The pipeline gave up: the last attempt failed transiently as a whole.
                var reason = Describe(ex);
                Log.TransientFailure(_logger, message.IdempotencyKey, send.Attempts, _options.MaxAttempts, reason);
                send.SetPending(DeliveryStatus.TransientFailure, reason);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        return new NotificationResult([.. message.Recipients.Select(r => send.Outcomes[r])]);
    }

    /// <summary>One SMTP transaction to the recipients still pending; those refused with a 4xx stay pending.</summary>
    private async ValueTask<SmtpAttempt> AttemptAsync(SendState send, CancellationToken cancellationToken)
    {
        send.Attempts++;
        var rejections = await SendOnceAsync(send, cancellationToken).ConfigureAwait(false);
        var retry = new List<(string Recipient, MailboxAddress Mailbox)>();
        string? reason = null;
        foreach (var p in send.Pending)
        {
            var refused = rejections.FirstOrDefault(r => string.Equals(r.Mailbox.Address, p.Mailbox.Address, StringComparison.OrdinalIgnoreCase));
            if (refused is null)
            {
                send.Outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.Sent);
            }
            else if (refused.StatusCode >= 500)
            {
                send.Outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.PermanentFailure, $"{refused.StatusCode} {refused.Response}");
                Log.RecipientRefused(_logger, p.Mailbox.Address, refused.StatusCode, refused.Response);
            }
            else
            {
                reason = $"{refused.StatusCode} {refused.Response}";
                send.Outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.TransientFailure, reason);
                retry.Add(p);
            }
        }

        send.Pending = retry;
        return new SmtpAttempt(retry.Count, reason);
    }

    /// <summary>
    /// Connects, logs in (never in clear text unless <see cref="SmtpSecurity.None"/> was asked for), sets aside the
    /// recipients this server cannot take (a non-ASCII local part without SMTPUTF8), and sends to the others.
    /// </summary>
    private async Task<IReadOnlyList<SmtpRejection>> SendOnceAsync(SendState send, CancellationToken cancellationToken)
    {
        var transport = _transports.Create();
        await using (transport.ConfigureAwait(false))
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(_options.ConnectTimeout);
                try
                {
                    await ConnectAsync(transport, connecting.Token).ConfigureAwait(false);
                    if (!string.IsNullOrEmpty(_options.UserName))
                    {
                        await AuthenticateAsync(transport, _options.UserName, connecting.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Connecting to {_options.Host}:{_options.Port} took longer than {_options.ConnectTimeout.TotalSeconds:0.#} s.");
                }
            }

            if (!transport.SupportsSmtpUtf8)
            {
                SetAsideInternationalRecipients(send);
            }

            if (send.Pending.Count == 0)
            {
                await DisconnectAsync(transport, cancellationToken).ConfigureAwait(false);
                return [];
            }

            var mime = MimeMessageFactory.Create(send.Message, send.From, send.Pending.Select(p => p.Mailbox), _time.GetUtcNow());
            var rejections = await transport.SendAsync(mime, send.From, [.. send.Pending.Select(p => p.Mailbox)], cancellationToken).ConfigureAwait(false);
            await DisconnectAsync(transport, cancellationToken).ConfigureAwait(false);
            return rejections;
        }
    }

    private static async Task DisconnectAsync(ISmtpTransport transport, CancellationToken cancellationToken)
    {
        try
        {
            await transport.DisconnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
        {
            // The message was accepted before QUIT failed: it counts as sent.
        }
    }

    /// <summary>What one call is doing: the outcome so far of each recipient, and those still to send to.</summary>
    private sealed class SendState(SmtpNotifier notifier, NotificationMessage message, MailboxAddress from, List<(string Recipient, MailboxAddress Mailbox)> pending)
    {
        public SmtpNotifier Notifier { get; } = notifier;

        public NotificationMessage Message { get; } = message;

        public MailboxAddress From { get; } = from;

        public List<(string Recipient, MailboxAddress Mailbox)> Pending { get; set; } = pending;

        public Dictionary<string, NotificationDelivery> Outcomes { get; } = new(StringComparer.Ordinal);

        public int Attempts { get; set; }

        public void SetPending(DeliveryStatus status, string reason)
        {
            foreach (var p in Pending)
            {
                Outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, status, reason);
            }

            Pending = [];
        }
    }
}
