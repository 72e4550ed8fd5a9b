namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>A page to render inside the layout: its title, its section of the navigation, and its body.</summary>
/// <param name="Title">The heading and title of the page.</param>
/// <param name="Section">The navigation's section: "" (dashboard), "reports", "status", "actions", "digests" or "notifications" (the bell).</param>
/// <param name="Body">Writes the page's content.</param>
/// <param name="StatusCode">The response's status code.</param>
/// <param name="PushScript">Whether the page runs the back office's push script (the bell page with push set up): its CSP then allows scripts, workers and requests from the site's own origin (any same-origin script, not this file alone), and still no inline script.</param>
internal sealed record BackOfficeView(string Title, string Section, Action<Html> Body, int StatusCode = 200, bool PushScript = false);
