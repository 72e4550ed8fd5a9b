namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>Whom a back-office request is for: the organizations the user may see and the one the page shows.</summary>
/// <param name="Organizations">The user's organizations (from <see cref="Status.IOutletSetupPermissions"/>), sorted.</param>
/// <param name="Organization">The organization of the request, one of <paramref name="Organizations"/>.</param>
internal sealed record BackOfficeScope(IReadOnlyList<string> Organizations, string Organization);
