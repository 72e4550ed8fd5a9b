using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>
/// The SMTP server of <c>AddSmtpNotifier</c>: healthy when it accepts a connection and the login (without sending
/// anything); unhealthy with the reason otherwise. The message names the server, never the credentials.
/// </summary>
internal sealed class SmtpHealthCheck(SmtpNotifier notifier) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var secure = await notifier.ProbeAsync(cancellationToken).ConfigureAwait(false);
            var data = new Dictionary<string, object> { ["server"] = notifier.Endpoint, ["encrypted"] = secure };
            return HealthCheckResult.Healthy($"The SMTP server {notifier.Endpoint} accepts the connection{(secure ? " (encrypted)" : "")}.", data);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The SMTP server {notifier.Endpoint} cannot be used: {ex.Message}", ex);
        }
    }
}
