using System.Globalization;
using PosFleet.Notifications;

namespace PosFleet.Digests;

internal static class DigestSubscriptionValidator
{
    public static IReadOnlyList<string> Validate(DigestSubscription s)
    {
        var errors = new List<string>();
        var who = string.IsNullOrWhiteSpace(s.Id) ? "Subscription" : $"Subscription '{Printable(s.Id)}'";
        if (string.IsNullOrWhiteSpace(s.Id))
        {
            errors.Add("DigestSubscription.Id is required: give each subscription a stable id such as 'shop-12-errors'.");
        }

        if (string.IsNullOrWhiteSpace(s.Name))
        {
            errors.Add($"{who}: Name is required; it is shown in the digest's subject.");
        }

        // A name or id is printed in subjects, listings and terminals: a line break or an escape sequence in one would
        // forge a header line or drive the operator's terminal.
        if (s.Id is { } id && DisplayText.NeedsEscaping(id))
        {
            errors.Add($"DigestSubscription.Id '{Printable(id)}' contains a control character: use printable characters only.");
        }

        if (s.Name is { } name && DisplayText.NeedsEscaping(name))
        {
            errors.Add($"{who}: Name '{Printable(name)}' contains a control character (a line break, an escape): use printable characters only.");
        }

        // The organization and terminal narrow the store's queries: bounded and printable as LogQuery requires.
        foreach (var (field, value) in new[] { ("Organization", s.Organization), ("Terminal", s.Terminal) })
        {
            if (value is { Length: > Logs.Storage.LogQuery.MaxFilterLength })
            {
                errors.Add($"{who}: {field} is {value.Length} characters long; at most {Logs.Storage.LogQuery.MaxFilterLength} are accepted.");
            }
            else if (DisplayText.NeedsEscaping(value))
            {
                errors.Add($"{who}: {field} '{Printable(value!)}' contains a control character: use printable characters only.");
            }
        }

        if (s.Recipients is null || s.Recipients.Count == 0)
        {
            errors.Add($"{who}: Recipients is empty; give at least one e-mail address.");
        }
        else
        {
            foreach (var r in s.Recipients)
            {
                if (!EmailAddressSyntax.TryParse(r, out _))
                {
                    errors.Add($"{who}: Recipients contains '{r}', which is not a valid e-mail address.");
                }
            }
        }

        if (s.MinimumThreshold < 1)
        {
            errors.Add($"{who}: MinimumThreshold is {s.MinimumThreshold}; it must be at least 1 (zero errors never send a digest).");
        }

        if (s.Kinds is not null && (s.Kinds.Count == 0 || s.Kinds.Contains(Logs.LogKind.None)))
        {
            errors.Add($"{who}: Kinds must list one or more of Error, Fail, Offline, Retry (or be left out for all four).");
        }

        if (s.Window <= TimeSpan.Zero || s.Window > TimeSpan.FromDays(31))
        {
            errors.Add($"{who}: Window is {s.Window}; it must be more than zero and at most 31 days.");
        }

        if (!DigestSchedule.TryFindTimeZone(s.TimeZone, out _))
        {
            errors.Add($"{who}: TimeZone '{s.TimeZone}' is not a known IANA time zone; use one such as 'Europe/Madrid' or 'UTC'.");
        }

        try
        {
            _ = CultureInfo.GetCultureInfo(s.Culture ?? "", predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            errors.Add($"{who}: Culture '{s.Culture}' is not a known culture; use one such as 'en', 'es-ES', 'fr' or 'it'.");
        }

        return errors;
    }

    public static void ThrowIfInvalid(DigestSubscription subscription)
    {
        var errors = Validate(subscription);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(subscription));
        }
    }

    private static string Printable(string text) => DisplayText.Escape(text);
}
