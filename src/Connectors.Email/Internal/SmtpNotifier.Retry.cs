using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace PosFleet.Connectors.Email.Internal;

// The retry pipeline (Polly): which failures are transient, and how long to wait before the next attempt.
// Transient: any failure of the whole transaction but a 5xx reply (refused or reset connections, timeouts, 4xx
// replies), and an attempt that left recipients refused with a 4xx. Permanent: a 5xx reply to the transaction, and
// what the settings or the credentials cause (SmtpSettingsException: a 535, a password that would go in clear text).
internal sealed partial class SmtpNotifier
{
    /// <summary>The notification's idempotency key, carried in the Polly context so that retries are logged with it.</summary>
    private static readonly ResiliencePropertyKey<string> KeyProperty = new("PosFleet.IdempotencyKey");

    private static ResiliencePipeline<SmtpAttempt> CreateRetryPipeline(SmtpNotifierOptions options, TimeProvider time, ILogger<SmtpNotifier> logger)
    {
        var builder = new ResiliencePipelineBuilder<SmtpAttempt> { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<SmtpAttempt>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    ? !args.Context.CancellationToken.IsCancellationRequested && !IsPermanent(ex)
                    : args.Outcome.Result.Retrying > 0),
                OnRetry = args =>
                {
                    var reason = args.Outcome.Exception is { } ex ? Describe(ex) : args.Outcome.Result.Reason ?? "";
                    var key = args.Context.Properties.GetValue(KeyProperty, "");
                    Log.Retrying(logger, key, args.AttemptNumber + 1, options.MaxAttempts, args.RetryDelay, reason);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    /// <summary>5xx replies to the transaction (not to one recipient), refused credentials and unsafe settings will fail the same way again.</summary>
    private static bool IsPermanent(Exception ex) =>
        ex is SmtpSettingsException
        || (ex is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 } command
            && command.ErrorCode != SmtpErrorCode.UnexpectedStatusCode);

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException c => $"{(int)c.StatusCode} {c.Message}",
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        ServiceNotConnectedException => "The connection to the SMTP server was lost.",
        _ => ex.Message,
    };
}
