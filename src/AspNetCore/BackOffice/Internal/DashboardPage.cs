namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>The dashboard of the last 48 hours (seed 001).</summary>
internal static class DashboardPage
{
    public static ValueTask<BackOfficeView> LoadAsync(BackOfficeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new BackOfficeView(request.Strings.Dashboard, "", html => html.Write($"<p>{request.Organization}</p>")));
}
