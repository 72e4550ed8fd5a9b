using Microsoft.Extensions.Logging;

namespace PosFleet.Connectors.WebPush.Internal;

// Endpoints are logged by host only: the rest of a push endpoint is the subscription's capability, as good as a password.
internal sealed partial class WebPushNotifier
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Recipient {Recipient} has no push subscription; {Key} is not delivered to them.")]
        public static partial void NoSubscription(ILogger logger, string recipient, string key);

        [LoggerMessage(2, LogLevel.Information, "A push subscription of {Recipient} at {PushService} is gone ({Reason}); it is removed.")]
        public static partial void SubscriptionGone(ILogger logger, string recipient, string pushService, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Push attempt {Attempt} of {MaxAttempts} for {Key} failed, retrying in {Delay}: {Reason}")]
        public static partial void Retrying(ILogger logger, string key, int attempt, int maxAttempts, TimeSpan delay, string reason);

        [LoggerMessage(4, LogLevel.Error, "The push service at {PushService} refused {Key} for {Recipient} for good: {Reason}")]
        public static partial void PermanentFailure(ILogger logger, string recipient, string pushService, string key, string reason);

        [LoggerMessage(5, LogLevel.Warning, "A push subscription of {Recipient} at {PushService} is not sent {Key}: {Reason}")]
        public static partial void EndpointNotAllowed(ILogger logger, string recipient, string pushService, string key, string reason);
    }
}
