using System.Globalization;
using PosFleet.Logs;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>The words every page of the back office shares: the navigation, the organization picker, the refusals.</summary>
internal sealed partial record BackOfficeStrings
{
    public required string Language { get; init; }

    public required string Dashboard { get; init; }

    public required string Reports { get; init; }

    public required string Status { get; init; }

    public required string Actions { get; init; }

    public required string Digests { get; init; }

    public required string Notifications { get; init; }

    /// <summary>The bell's label: {0} the unread count.</summary>
    public required string UnreadNotifications { get; init; }

    public required string Organization { get; init; }

    public required string Show { get; init; }

    public required string LanguageLabel { get; init; }

    public required string Forbidden { get; init; }

    public required string ForbiddenDetail { get; init; }

    public required string BadQuery { get; init; }

    public required string FormExpired { get; init; }

    public required string FormExpiredDetail { get; init; }

    /// <summary>{0} the time zone.</summary>
    public required string TimesIn { get; init; }

    /// <summary>The name of each severity: Success, Alert, Error.</summary>
    public required IReadOnlyDictionary<LogSeverity, string> Severities { get; init; }

    /// <summary>The name of each kind, <see cref="LogKind.None"/> included.</summary>
    public required IReadOnlyDictionary<LogKind, string> Kinds { get; init; }

    public static BackOfficeStrings For(CultureInfo culture) => BackOfficeLanguage.Pick(culture, English, Spanish, French, Italian);
}
