using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>
/// Sends a notification over SMTP: one transaction for all its recipients, refused recipients reported one by one
/// (5xx permanent, 4xx transient), and transient failures of the whole transaction (refused or reset connections,
/// timeouts, 4xx replies) retried with exponential back-off and jitter. What still fails transiently after the last
/// attempt is reported as such, so the caller keeps it pending.
/// </summary>
internal sealed partial class SmtpNotifier(
    ISmtpTransportFactory transports,
    IOptions<SmtpNotifierOptions> options,
    TimeProvider time,
    ILogger<SmtpNotifier> logger) : INotifier
{
    private readonly SmtpNotifierOptions _options = options.Value;

    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcomes = new Dictionary<string, NotificationDelivery>(StringComparer.Ordinal);
        var (valid, invalid) = MimeMessageFactory.Parse(message.Recipients);
        foreach (var r in invalid)
        {
            outcomes[r] = new NotificationDelivery(r, DeliveryStatus.PermanentFailure, $"'{r}' is not an e-mail address.");
        }

        var from = MailboxAddress.Parse(_options.From);
        var pending = valid;
        string? lastError = null;
        for (var attempt = 1; pending.Count > 0 && attempt <= _options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(BackOff(attempt), time, cancellationToken).ConfigureAwait(false);
            }

            var mime = MimeMessageFactory.Create(message, from, pending.Select(p => p.Mailbox), time.GetUtcNow());
            try
            {
                var rejections = await SendOnceAsync(mime, from, pending, cancellationToken).ConfigureAwait(false);
                var retry = new List<(string Recipient, MailboxAddress Mailbox)>();
                foreach (var p in pending)
                {
                    var refused = rejections.FirstOrDefault(r => string.Equals(r.Mailbox.Address, p.Mailbox.Address, StringComparison.OrdinalIgnoreCase));
                    if (refused is null)
                    {
                        outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.Sent);
                    }
                    else if (refused.StatusCode >= 500)
                    {
                        outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.PermanentFailure, $"{refused.StatusCode} {refused.Response}");
                        Log.RecipientRefused(logger, p.Mailbox.Address, refused.StatusCode, refused.Response);
                    }
                    else
                    {
                        lastError = $"{refused.StatusCode} {refused.Response}";
                        outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.TransientFailure, lastError);
                        retry.Add(p);
                    }
                }

                pending = retry;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsPermanent(ex))
            {
                Log.PermanentFailure(logger, message.IdempotencyKey, ex);
                foreach (var p in pending)
                {
                    outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.PermanentFailure, Describe(ex));
                }

                pending = [];
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                lastError = Describe(ex);
                Log.TransientFailure(logger, message.IdempotencyKey, attempt, _options.MaxAttempts, lastError);
                foreach (var p in pending)
                {
                    outcomes[p.Recipient] = new NotificationDelivery(p.Recipient, DeliveryStatus.TransientFailure, lastError);
                }
            }
        }

        return new NotificationResult([.. message.Recipients.Select(r => outcomes.GetValueOrDefault(r) ?? new NotificationDelivery(r, DeliveryStatus.TransientFailure, lastError))]);
    }

    private async Task<IReadOnlyList<SmtpRejection>> SendOnceAsync(MimeMessage mime, MailboxAddress from, List<(string Recipient, MailboxAddress Mailbox)> pending, CancellationToken cancellationToken)
    {
        var transport = transports.Create();
        await using (transport.ConfigureAwait(false))
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(_options.ConnectTimeout);
                try
                {
                    await transport.ConnectAsync(_options, connecting.Token).ConfigureAwait(false);
                    if (!string.IsNullOrEmpty(_options.UserName))
                    {
                        await transport.AuthenticateAsync(_options.UserName, _options.Password ?? "", connecting.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Connecting to {_options.Host}:{_options.Port} took longer than {_options.ConnectTimeout.TotalSeconds:0.#} s.");
                }
            }

            var rejections = await transport.SendAsync(mime, from, [.. pending.Select(p => p.Mailbox)], cancellationToken).ConfigureAwait(false);
            try
            {
                await transport.DisconnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or SmtpCommandException)
            {
                // The message was accepted before QUIT failed: it counts as sent.
            }

            return rejections;
        }
    }

    private TimeSpan BackOff(int attempt)
    {
        var exponential = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 2));
#pragma warning disable CA5394 // Jitter spreads retries; it needs no cryptographic randomness.
        var jittered = exponential * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }

    /// <summary>5xx replies to the transaction (not to one recipient) will fail the same way again.</summary>
    private static bool IsPermanent(Exception ex) =>
        ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } command
        && command.ErrorCode != SmtpErrorCode.UnexpectedStatusCode;

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        ServiceNotConnectedException => "The connection to the SMTP server was lost.",
        _ => ex.Message,
    };
}
