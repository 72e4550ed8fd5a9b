using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>Refuses options the engine cannot run with, naming the option and what to write instead.</summary>
/// <remarks>
/// A rule's channel must be <c>inapp</c> (the engine's own) or have a registered notifier; otherwise its deliveries
/// would wait forever, so start-up fails naming the rule, the channel and the registered ones. Without an
/// <see cref="INotificationDirectory"/> no audience can be resolved, so start-up fails rather than the first publish.
/// </remarks>
internal sealed class NotificationEngineOptionsValidator(IEnumerable<NotifierRegistration> registrations, IServiceProviderIsService? services = null)
    : IValidateOptions<NotificationEngineOptions>
{
    /// <summary>What to do when the host registered no directory of its people.</summary>
    public const string NoDirectory =
        "The notification engine has no INotificationDirectory to resolve administrators, customers and technicians: register the host's own "
        + "(services.AddSingleton<INotificationDirectory, MyDirectory>()) with AddNotificationEngine; it may return no one for an audience the host does not have.";

    private readonly NotificationChannel[] _registered = [.. registrations.Select(r => r.Channel).Distinct()];

    public ValidateOptionsResult Validate(string? name, NotificationEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        // A container without the probe is not checked here; resolving the engine fails then instead.
        if (services is not null && !services.IsService(typeof(INotificationDirectory)))
        {
            failures.Add(NoDirectory);
        }

        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            if (rule is null)
            {
                failures.Add($"Notifications:Rules:{i} is empty.");
                continue;
            }

            if (rule.States.Count == 0 || rule.States.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"Notifications:Rules:{i}:States must list at least one state, none blank.");
            }

            if (rule.Channels.Count == 0)
            {
                failures.Add($"Notifications:Rules:{i}:Channels lists no channel; add \"email\", \"push\" or \"inapp\" with its audiences.");
            }

            foreach (var (channel, audiences) in rule.Channels)
            {
                if (string.IsNullOrWhiteSpace(channel))
                {
                    failures.Add($"Notifications:Rules:{i}:Channels has a blank channel name.");
                }
                else if (!IsRegistered(new NotificationChannel(channel)))
                {
                    var registered = _registered.Length == 0 ? "none" : string.Join(", ", _registered.Select(c => $"'{c.Name}'"));
                    failures.Add($"Notifications:Rules:{i}{KindOf(rule)}:Channels has '{channel}', which has no registered notifier (registered: {registered}; 'inapp' needs none): register one (AddSmtpNotifier, AddPickupFolderNotifier, AddWebPushNotifier, AddNotifier) or remove the channel.");
                }

                foreach (var audience in audiences ?? [])
                {
                    if (!NotificationAudience.TryParse(audience, out _))
                    {
                        failures.Add($"Notifications:Rules:{i}:Channels:{channel} has '{audience}', which is no audience: write administrators, customer, technicians or role:NAME.");
                    }
                }
            }
        }

        foreach (var audience in options.RequireProfile)
        {
            if (audience != "role:*" && !NotificationAudience.TryParse(audience, out _))
            {
                failures.Add($"Notifications:RequireProfile has '{audience}', which is no audience: write administrators, customer, technicians, role:NAME or role:*.");
            }
        }

        Positive(options.PollInterval, nameof(options.PollInterval), TimeSpan.FromHours(1));
        Positive(options.ClaimLease, nameof(options.ClaimLease), TimeSpan.FromDays(1));
        Positive(options.RetryDelay, nameof(options.RetryDelay), TimeSpan.FromDays(1));
        Positive(options.MaxRetryDelay, nameof(options.MaxRetryDelay), TimeSpan.FromDays(1));
        if (options.BatchSize is < 1 or > 10_000)
        {
            failures.Add($"Notifications:BatchSize must be between 1 and 10000 (was {options.BatchSize}).");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            failures.Add($"Notifications:MaxAttempts must be between 1 and 100 (was {options.MaxAttempts}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        bool IsRegistered(NotificationChannel channel) => channel == NotificationChannel.InApp || _registered.Contains(channel);

        static string KindOf(NotificationRule rule) => string.IsNullOrEmpty(rule.Kind) ? "" : $" (kind '{rule.Kind}')";

        void Positive(TimeSpan value, string option, TimeSpan max)
        {
            if (value <= TimeSpan.Zero || value > max)
            {
                failures.Add($"Notifications:{option} must be more than zero and at most {max} (was {value}).");
            }
        }
    }
}
