using System.Net;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace PosFleet.Connectors.WebPush.Internal;

// The retry pipeline (Polly): 429 and 5xx replies, refused or reset connections and timeouts are transient; any other
// reply (400, 403 for a VAPID key the subscription was not made with, 413 …) fails the same way again and is not retried.
internal sealed partial class WebPushNotifier
{
    private static readonly ResiliencePropertyKey<string> KeyProperty = new("PosFleet.IdempotencyKey");

    private static ResiliencePipeline CreateRetryPipeline(WebPushNotifierOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, options.MaxRetryDelay)),
                OnRetry = args =>
                {
                    Log.Retrying(logger, args.Context.Properties.GetValue(KeyProperty, ""), args.AttemptNumber + 1, options.MaxAttempts,
                        args.RetryDelay, args.Outcome.Exception is { } ex ? Describe(ex) : "");
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        PushServiceClientException p => p.StatusCode == HttpStatusCode.TooManyRequests || (int)p.StatusCode >= 500,
        HttpRequestException => true,
        // HttpClient's own timeout; the caller's cancellation is not a failure to retry.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>The push service's <c>Retry-After</c> (a 429 or 503 may carry one), capped; null keeps Polly's back-off.</summary>
    private static TimeSpan? RetryAfter(Exception? ex, TimeSpan max)
    {
        var retryAfter = (ex as PushServiceClientException)?.Headers?.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < max ? delta : max;
        }

        return null;
    }

    private static string Describe(Exception ex) => ex switch
    {
        PushServiceClientException p => $"{(int)p.StatusCode} {p.StatusCode}{(string.IsNullOrWhiteSpace(p.Body) ? "" : $": {Shorten(p.Body)}")}",
        OperationCanceledException => "the request timed out",
        _ => ex.Message,
    };

    private static string Shorten(string body) => body.Length <= 200 ? body.Trim() : string.Concat(body.AsSpan(0, 200).Trim(), "…");
}
