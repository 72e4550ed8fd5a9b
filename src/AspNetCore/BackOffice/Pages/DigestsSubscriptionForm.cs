using System.Globalization;
using Microsoft.AspNetCore.Http;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Notifications;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// Seed 000's subscription form ("Error Follow Up"): active, name, test, e-mail addresses separated by commas, minimum
/// error threshold, error kinds — and the subscription's scope and schedule (organization, terminal, send time, time
/// zone, window, language). Each problem is a key of the page's strings with the field it belongs to, so it is shown
/// beside the field in the request's language.
/// </summary>
internal sealed record DigestsSubscriptionForm
{
    public static readonly string[] Cultures = ["en", "es", "fr", "it"];

    public string? Id { get; init; }

    public bool Active { get; init; } = true;

    public string Name { get; init; } = "";

    public bool TestMode { get; init; }

    public string Recipients { get; init; } = "";

    public string Threshold { get; init; } = "1";

    public IReadOnlySet<LogKind> Kinds { get; init; } = DigestSubscription.AllKinds;

    public string Organization { get; init; } = "";

    public string Terminal { get; init; } = "";

    public string SendTime { get; init; } = "08:00";

    public string TimeZone { get; init; } = "UTC";

    public string WindowHours { get; init; } = "24";

    public string Culture { get; init; } = "en";

    public static DigestsSubscriptionForm From(DigestSubscription s) => new()
    {
        Id = s.Id,
        Active = s.Active,
        Name = s.Name,
        TestMode = s.TestMode,
        Recipients = string.Join(", ", s.Recipients),
        Threshold = s.MinimumThreshold.ToString(CultureInfo.InvariantCulture),
        Kinds = s.EffectiveKinds,
        Organization = s.Organization ?? "",
        Terminal = s.Terminal ?? "",
        SendTime = s.SendTime.ToString("HH:mm", CultureInfo.InvariantCulture),
        TimeZone = s.TimeZone,
        WindowHours = s.Window.TotalHours.ToString(CultureInfo.InvariantCulture),
        Culture = s.Culture,
    };

    public static DigestsSubscriptionForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var kinds = new HashSet<LogKind>();
        foreach (var value in form["kinds"])
        {
            if (Enum.TryParse<LogKind>(value, ignoreCase: true, out var kind) && kind is not LogKind.None && Enum.IsDefined(kind))
            {
                kinds.Add(kind);
            }
        }

        return new DigestsSubscriptionForm
        {
            Id = form["id"].ToString() is { Length: > 0 } id ? id : null,
            Active = IsOn(form["active"]),
            Name = Bounded(form["name"]),
            TestMode = IsOn(form["test"]),
            Recipients = Bounded(form["recipients"], 4000),
            Threshold = Bounded(form["threshold"]),
            Kinds = kinds,
            Organization = Bounded(form["org"]),
            Terminal = Bounded(form["terminal"]),
            SendTime = Bounded(form["sendTime"]),
            TimeZone = Bounded(form["timeZone"]),
            WindowHours = Bounded(form["windowHours"]),
            Culture = Bounded(form["culture"]),
        };
    }

    /// <summary>
    /// The subscription this form describes, or the problems (field, string key, argument) that stop it. The
    /// organization must be one of <paramref name="organizations"/>: a user saves subscriptions only for their own.
    /// </summary>
    public (DigestSubscription? Subscription, IReadOnlyList<FormProblem> Problems) ToSubscription(IReadOnlyCollection<string> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var problems = new List<FormProblem>();
        if (Name.Length == 0)
        {
            problems.Add(new("name", "NameRequired"));
        }
        else if (DisplayText.NeedsEscaping(Name))
        {
            problems.Add(new("name", "NamePrintable"));
        }

        var recipients = new List<string>();
        if (Recipients.Length == 0)
        {
            problems.Add(new("recipients", "RecipientsRequired"));
        }
        else
        {
            foreach (var part in EmailAddressSyntax.SplitList(Recipients))
            {
                if (EmailAddressSyntax.TryParse(part, out _))
                {
                    recipients.Add(part);
                }
                else
                {
                    problems.Add(new("recipients", "RecipientInvalid", part));
                }
            }

            if (recipients.Count == 0 && !problems.Any(p => p.Field == "recipients"))
            {
                problems.Add(new("recipients", "RecipientsRequired"));
            }
        }

        if (!int.TryParse(Threshold, NumberStyles.None, CultureInfo.InvariantCulture, out var threshold) || threshold < 1)
        {
            problems.Add(new("threshold", "ThresholdInvalid"));
        }

        if (Kinds.Count == 0)
        {
            problems.Add(new("kinds", "KindsRequired"));
        }

        if (!organizations.Contains(Organization, StringComparer.Ordinal))
        {
            problems.Add(new("organization", "OrganizationNotYours"));
        }

        if (Terminal.Length > 0 && DisplayText.NeedsEscaping(Terminal))
        {
            problems.Add(new("terminal", "TerminalPrintable"));
        }

        if (!TimeOnly.TryParseExact(SendTime, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var sendTime))
        {
            problems.Add(new("sendTime", "SendTimeInvalid"));
        }

        if (!System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            problems.Add(new("timeZone", "TimeZoneUnknown", TimeZone));
        }

        if (!double.TryParse(WindowHours, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours <= 0 || hours > 31 * 24)
        {
            problems.Add(new("windowHours", "WindowInvalid"));
        }

        if (!Cultures.Contains(Culture, StringComparer.Ordinal))
        {
            problems.Add(new("culture", "CultureUnknown"));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var subscription = new DigestSubscription
        {
            Id = Id ?? NewId(Organization, Name),
            Name = Name,
            Active = Active,
            TestMode = TestMode,
            Recipients = DigestSubscription.ParseRecipients(Recipients),
            MinimumThreshold = threshold,
            Kinds = Kinds.Count == DigestSubscription.AllKinds.Count ? null : Kinds,
            Organization = Organization,
            Terminal = Terminal.Length == 0 ? null : Terminal,
            SendTime = sendTime,
            TimeZone = TimeZone,
            Window = TimeSpan.FromHours(hours),
            Culture = Culture,
        };

        // The core's own rule is the last word: anything it still refuses is shown whole rather than saved.
        return subscription.Validate() is { Count: > 0 } rest
            ? (null, [.. rest.Select(r => new FormProblem("", "Invalid", r))])
            : (subscription, []);
    }

    /// <summary>A stable id from the organization and the name, such as <c>alpha-shop-errors-3f2a</c>; renaming later keeps it.</summary>
    private static string NewId(string organization, string name)
    {
        var slug = new string([.. $"{organization}-{name}".ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        var suffix = Guid.NewGuid().ToString("N")[..6];
        return $"{(slug.Length > 60 ? slug[..60] : slug)}-{suffix}";
    }

    private static bool IsOn(Microsoft.Extensions.Primitives.StringValues value) => value.Any(v => v is "on" or "true" or "1");

    private static string Bounded(Microsoft.Extensions.Primitives.StringValues value, int max = 200)
    {
        var text = value.ToString().Trim();
        return text.Length > max ? text[..max] : text;
    }
}

/// <summary>One problem of a form: the field it belongs to (empty for the whole form), the key of its message and the value it names.</summary>
internal sealed record FormProblem(string Field, string Key, string? Argument = null);
