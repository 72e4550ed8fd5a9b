using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.Email.Internal;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email;

/// <summary>
/// Registers the e-mail channel's notifier (<see cref="NotificationChannel.Email"/>): SMTP or a pickup folder. The
/// channel has one notifier, the last registered; other channels (push, in-app) are left as they are.
/// </summary>
public static class EmailPosFleetBuilderExtensions
{
    /// <summary>Sends notifications and digests through an SMTP server (MailKit), retrying transient failures with back-off.</summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Sets the server, security, credentials and sender.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddSmtpNotifier(this IPosFleetBuilder builder, Action<SmtpNotifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<SmtpNotifierOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpNotifierOptions>, SmtpNotifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISmtpTransportFactory, MailKitSmtpTransportFactory>();
        services.TryAddSingleton<SmtpNotifier>();
        return builder.AddNotifier(NotificationChannel.Email, sp => sp.GetRequiredService<SmtpNotifier>());
    }

    /// <summary>Writes each notification as an <c>.eml</c> file in <paramref name="directory"/> (atomically), the embedded default that needs no server.</summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="directory">The folder, such as <c>mail/</c>.</param>
    /// <param name="configure">Sets the sender.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPickupFolderNotifier(this IPosFleetBuilder builder, string directory, Action<PickupFolderNotifierOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var services = builder.Services;
        services.AddOptions<PickupFolderNotifierOptions>()
            .Configure(o =>
            {
                o.Directory = directory;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PickupFolderNotifierOptions>, PickupFolderNotifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PickupFolderNotifier>();
        return builder.AddNotifier(NotificationChannel.Email, sp => sp.GetRequiredService<PickupFolderNotifier>());
    }
}
