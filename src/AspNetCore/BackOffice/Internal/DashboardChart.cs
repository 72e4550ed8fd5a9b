using System.Globalization;
using PosFleet.Logs.Dashboard;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The dashboard's chart: one stacked bar per hour (success, alerts, errors) as inline SVG written on the server — no
/// script, no charting library, nothing to download. Each hour's bar carries its counts (a <c>title</c> the browser
/// shows on hover or long press, and <c>data-</c> attributes) and links to that hour's reports.
/// </summary>
internal static class DashboardChart
{
    private const int BarWidth = 20;
    private const int Gap = 2;
    private const int Height = 160;
    private const int Axis = 18;

    public static void Write(Html html, BackOfficeRequest request, DashboardStrings words, IReadOnlyList<LogDashboardHour> hours)
    {
        var max = Math.Max(1, hours.Max(h => h.Success + h.Alert + h.Error));
        var width = hours.Count * (BarWidth + Gap);
        var inv = CultureInfo.InvariantCulture;
        html.Write($"""<figure class="pf-card pf-chart"><figcaption>{words.Chart}</figcaption>""");
        html.Write($"""<svg viewBox="0 0 {width.ToString(inv)} {(Height + Axis).ToString(inv)}" role="img" aria-label="{words.Chart}" xmlns="http://www.w3.org/2000/svg">""");
        for (var i = 0; i < hours.Count; i++)
        {
            var hour = hours[i];
            var x = i * (BarWidth + Gap);
            var title = string.Format(request.Culture, words.HourTitle, request.Time(hour.Hour), request.Count(hour.Success), request.Count(hour.Alert), request.Count(hour.Error));
            var link = request.Link("reports", ("from", LogLinks.LocalInput(request, hour.Hour)), ("to", LogLinks.LocalInput(request, hour.Hour.AddHours(1))));
            html.Write($"""<a href="{link}"><g class="pf-hour" data-hour="{hour.Hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", inv)}" data-success="{hour.Success.ToString(inv)}" data-alert="{hour.Alert.ToString(inv)}" data-error="{hour.Error.ToString(inv)}"><title>{title}</title>""");
            // Errors at the bottom, where the eye starts; alerts above them, successes on top.
            var y = (double)Height;
            foreach (var (count, css) in new[] { (hour.Error, "pf-error"), (hour.Alert, "pf-alert"), (hour.Success, "pf-success") })
            {
                if (count == 0)
                {
                    continue;
                }

                var h = count * (double)Height / max;
                y -= h;
                html.Write($"""<rect class="{css}" x="{x.ToString(inv)}" y="{y.ToString("0.##", inv)}" width="{BarWidth.ToString(inv)}" height="{h.ToString("0.##", inv)}"></rect>""");
            }

            // A transparent bar over the whole height, so an hour with few entries is still easy to point at.
            html.Write($"""<rect x="{x.ToString(inv)}" y="0" width="{BarWidth.ToString(inv)}" height="{Height.ToString(inv)}" fill="transparent"></rect></g></a>""");
            var local = TimeZoneInfo.ConvertTime(hour.Hour, request.TimeZone);
            if (local.Hour % 6 == 0)
            {
                html.Write($"""<text x="{x.ToString(inv)}" y="{(Height + 13).ToString(inv)}">{local.ToString("HH:mm", inv)}</text>""");
            }
        }

        html.Write($"""</svg><div class="pf-legend"><span class="pf-success">{request.Strings.Severities[Logs.LogSeverity.Success]}</span><span class="pf-alert">{request.Strings.Severities[Logs.LogSeverity.Alert]}</span><span class="pf-error">{request.Strings.Severities[Logs.LogSeverity.Error]}</span></div></figure>""");
    }
}
