using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosFleet.Connectors.Email.Internal;

namespace PosFleet.Connectors.Email;

/// <summary>The SMTP notifier's health check on <c>services.AddHealthChecks()</c>.</summary>
public static class SmtpHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the SMTP server of <c>AddSmtpNotifier</c>: it accepts a connection and the login, with the notifier's own
    /// security rules (no password in clear text), and nothing is sent. Each check opens a connection: give the
    /// health endpoint a sensible polling period.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when unhealthy; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (such as <c>ready</c>).</param>
    /// <returns>The <paramref name="builder"/>, to chain.</returns>
    public static IHealthChecksBuilder AddPosFleetSmtp(this IHealthChecksBuilder builder, string name = "posfleet-smtp", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetService<SmtpNotifier>() is { } notifier
                ? new SmtpHealthCheck(notifier)
                : throw new InvalidOperationException("AddPosFleetSmtp checks the SMTP notifier, which is not registered: call AddSmtpNotifier on the PosFleet builder."),
            failureStatus,
            tags));
    }
}
