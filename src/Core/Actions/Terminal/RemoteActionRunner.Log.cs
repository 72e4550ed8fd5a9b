using Microsoft.Extensions.Logging;

namespace PosFleet.Actions.Terminal;

internal sealed partial class RemoteActionRunner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Running remote action {ActionId} '{Name}', attempt {Attempt} of {MaxAttempts} (recovery after a restart: {Recovery}).")]
        public static partial void Running(ILogger logger, Guid actionId, string name, int attempt, int maxAttempts, bool recovery);

        [LoggerMessage(2, LogLevel.Warning, "Remote action {ActionId}: attempt {Attempt} of {MaxAttempts} failed and is retried: {Reason}")]
        public static partial void WillRetry(ILogger logger, Guid actionId, int attempt, int maxAttempts, string reason);

        [LoggerMessage(3, LogLevel.Information, "Remote action {ActionId} '{Name}' ended {State} after attempt {Attempt}: {Detail}")]
        public static partial void Ended(ILogger logger, Guid actionId, string name, RemoteActionState state, int attempt, string detail);

        [LoggerMessage(4, LogLevel.Error, "The handler of remote action {ActionId} '{Name}' threw.")]
        public static partial void HandlerThrew(ILogger logger, Guid actionId, string name, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "The remote action runner failed; it tries again in 30 seconds.")]
        public static partial void RunnerFailed(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Error, "The handler of remote action {ActionId} '{Name}' ignored its timeout: attempt {Attempt} was abandoned after {Timeout} and {Grace} of grace; the next action runs.")]
        public static partial void Abandoned(ILogger logger, Guid actionId, string name, int attempt, TimeSpan timeout, TimeSpan grace);

        [LoggerMessage(7, LogLevel.Warning, "The abandoned handler of remote action {ActionId} '{Name}' ended at last ({Status}); what it returned is not recorded.")]
        public static partial void AbandonedEnded(ILogger logger, Guid actionId, string name, TaskStatus status);
    }
}
