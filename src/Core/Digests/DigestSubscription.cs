using System.Collections.Frozen;
using PosFleet.Logs;
using PosFleet.Notifications;

namespace PosFleet.Digests;

/// <summary>
/// Who receives a threshold digest of which errors, and when: every day at <see cref="SendTime"/> in
/// <see cref="TimeZone"/>, the entries of <see cref="Kinds"/> in the last <see cref="Window"/> are counted, and a
/// digest goes to <see cref="Recipients"/> only when the count reaches <see cref="MinimumThreshold"/>.
/// </summary>
public sealed record DigestSubscription
{
    /// <summary>The stable id of the subscription; the run ledger is keyed by it, so keep it when renaming.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown in the subject of its digests.</summary>
    public required string Name { get; init; }

    /// <summary>Whether the scheduler sends it.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Active { get; init; } = true;

    /// <summary>
    /// Test mode: the digest is always sent, even below the threshold and with zero errors, its subject says it is a
    /// test, and it does not count as the window's digest.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool TestMode { get; init; }

    /// <summary>The e-mail addresses that receive the digest; <see cref="ParseRecipients(string)"/> reads the comma-separated form.</summary>
    public required IReadOnlyList<string> Recipients { get; init; }

    /// <summary>How many matching entries a window needs before a digest is sent (at least 1: zero errors never send one).</summary>
    /// <value>The default value is 1.</value>
    public int MinimumThreshold { get; init; } = 1;

    /// <summary>The kinds of error counted and listed; <see langword="null"/> for all four.</summary>
    /// <value>
    /// The default value is <see langword="null"/>: Error, Fail, Offline and Retry. (A null default rather than a
    /// full set, so that configuration binding replaces it instead of adding to it.)
    /// </value>
    public IReadOnlySet<LogKind>? Kinds { get; init; }

    /// <summary>The kinds counted: <see cref="Kinds"/>, or all four when it is not set.</summary>
    public IReadOnlySet<LogKind> EffectiveKinds => Kinds ?? AllKinds;

    /// <summary>Only entries of this organization, or of every organization when <see langword="null"/>.</summary>
    public string? Organization { get; init; }

    /// <summary>Only entries of this terminal, or of every terminal when <see langword="null"/>.</summary>
    public string? Terminal { get; init; }

    /// <summary>The local time of day the digest is sent, in <see cref="TimeZone"/>.</summary>
    /// <value>The default value is 08:00.</value>
    public TimeOnly SendTime { get; init; } = new(8, 0);

    /// <summary>The IANA time zone of <see cref="SendTime"/> and of the dates in the digest, such as <c>Europe/Madrid</c>.</summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>
    /// How far back a digest looks. A window of exactly one day runs from the previous day's send time to this one
    /// in local time, so that consecutive digests cover every hour once, even on the 23- and 25-hour days of DST changes.
    /// </summary>
    /// <value>The default value is 24 hours.</value>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The culture of the message: English, Spanish, French or Italian (<c>en</c>, <c>es-ES</c>, <c>fr</c>, <c>it</c> …).</summary>
    /// <value>The default value is <c>en</c>.</value>
    public string Culture { get; init; } = "en";

    /// <summary>Error, Fail, Offline and Retry.</summary>
    public static IReadOnlySet<LogKind> AllKinds { get; } = FrozenSet.Create(LogKind.Error, LogKind.Fail, LogKind.Offline, LogKind.Retry);

    /// <summary>
    /// Reads a list of e-mail addresses separated by commas or semicolons (as typed in the seed's "e-mail" field), with
    /// the e-mail channel's grammar (<see cref="EmailAddressSyntax"/>, MimeKit's): what it accepts, the SMTP connector sends to.
    /// </summary>
    /// <param name="recipients">Such as <c>ops@example.com, Ana &lt;ana@example.es&gt;; "Ruiz, Ana" &lt;ana.ruiz@example.es&gt;</c>.</param>
    /// <returns>The recipients as typed, trimmed, in order, without a second one for the same address (ignoring case).</returns>
    /// <exception cref="FormatException">An address is not valid; the message names it.</exception>
    public static IReadOnlyList<string> ParseRecipients(string recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in EmailAddressSyntax.SplitList(recipients))
        {
            if (!EmailAddressSyntax.TryParse(part, out var mailbox))
            {
                throw new FormatException($"'{part}' is not a valid e-mail address; write addresses such as 'ops@example.com' or 'Ana <ana@example.es>', separated by commas.");
            }

            if (seen.Add(mailbox.Address))
            {
                result.Add(part);
            }
        }

        return result;
    }

    /// <summary>Checks every field; returns what is wrong, one message per problem naming the field, or nothing.</summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Validate() => DigestSubscriptionValidator.Validate(this);
}
