using System.Security.Claims;

namespace PosFleet.AspNetCore.BackOffice;

/// <summary>How the web back office (<see cref="BackOfficeEndpointRouteBuilderExtensions.MapPosFleetBackOffice"/>) behaves; checked at start-up.</summary>
public sealed class BackOfficeOptions
{
    /// <summary>The name shown in the header and the title of every page.</summary>
    /// <value>The default value is <c>PosFleet</c>.</value>
    public string Title { get; set; } = "PosFleet";

    /// <summary>
    /// The address the "contact support" links write to (seed 001's support button), pre-filled with the terminal and the
    /// error; <see langword="null"/> hides the links.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SupportAddress { get; set; }

    /// <summary>How many rows a page of the reports shows, from 1 to 500.</summary>
    /// <value>The default value is 50.</value>
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// The time zone the pages show times in (an IANA or Windows id, such as <c>Europe/Madrid</c>); the dashboard's hours
    /// are whole hours of it when its offset is whole hours.
    /// </summary>
    /// <value>The default value is <c>UTC</c>.</value>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// The claim of the signed-in user whose value is their recipient id in the notifications inbox (the bell): the id the
    /// host's <c>INotificationDirectory</c> gives that person. A user without the claim has no bell.
    /// </summary>
    /// <value>The default value is <see cref="ClaimTypes.NameIdentifier"/>.</value>
    public string RecipientClaimType { get; set; } = ClaimTypes.NameIdentifier;
}
