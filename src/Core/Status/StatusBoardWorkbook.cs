using System.Drawing;
using System.Globalization;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace PosFleet.Status;

/// <summary>
/// The status board as an <c>.xlsx</c> workbook, written forward only (SpreadCheetah): a header naming the filters, the
/// column titles (frozen, with an auto-filter over the rows), then one row per terminal filled with its health's
/// colour — the board's red, yellow, grey and green. Instants are Excel dates in UTC.
/// </summary>
internal static class StatusBoardWorkbook
{
    /// <summary>The fill colour of each health, as the board draws it.</summary>
    private static readonly Dictionary<TerminalHealth, Color> Fills = new()
    {
        [TerminalHealth.Green] = Color.FromArgb(unchecked((int)0xFFC6EFCE)),
        [TerminalHealth.Yellow] = Color.FromArgb(unchecked((int)0xFFFFEB9C)),
        [TerminalHealth.Grey] = Color.FromArgb(unchecked((int)0xFFD9D9D9)),
        [TerminalHealth.Red] = Color.FromArgb(unchecked((int)0xFFFFC7CE)),
    };

    private static readonly string[] Titles =
    [
        "Organization", "Terminal", "Health", "Version", "Target version", "Last update (UTC)", "Last sync (UTC)",
        "Last heard (UTC)", "Last sync error", "Outbox depth", "Oldest unsent (minutes)",
    ];

    private static readonly Color TitleFill = Color.FromArgb(unchecked((int)0xFF1F4E78));
    private const string DateFormat = "yyyy-mm-dd hh:mm:ss";

    /// <summary>
    /// Writes the board's <paramref name="rows"/> to <paramref name="destination"/>: all of them are known first, since the
    /// auto-filter's range is given when the worksheet starts.
    /// </summary>
    public static async Task WriteAsync(Stream destination, StatusBoardQuery query, IReadOnlyList<StatusBoardRow> rows, CancellationToken cancellationToken)
    {
        var options = new WorksheetOptions
        {
            FrozenRows = 2,
            AutoFilter = new AutoFilterOptions(string.Create(CultureInfo.InvariantCulture, $"A2:K{rows.Count + 2}")),
        };
        for (var i = 0; i < Titles.Length; i++)
        {
            options.Column(i + 1).Width = i == 8 ? 60 : Math.Max(14, Titles[i].Length + 2);
        }

        // Text is written as the terminal sent it: an error text's leading spaces and last newline are kept (Excel drops
        // them from a cell without xml:space="preserve"). No document properties: their date would be the clock's, not
        // the board's as-of instant.
        var settings = new SpreadCheetahOptions { PreserveStringWhitespace = true, DocumentProperties = null };
        var spreadsheet = await Spreadsheet.CreateNewAsync(destination, settings, cancellationToken).ConfigureAwait(false);
        await using (spreadsheet.ConfigureAwait(false))
        {
            await spreadsheet.StartWorksheetAsync("Status board", options, cancellationToken).ConfigureAwait(false);
            var title = spreadsheet.AddStyle(new Style { Font = { Bold = true, Color = Color.White }, Fill = { Color = TitleFill } });
            var styles = Enum.GetValues<TerminalHealth>().ToDictionary(health => health, health => HealthStyles(spreadsheet, Fills[health]));
            await spreadsheet.AddRowAsync([new Cell(Clean(Describe(query)))], cancellationToken).ConfigureAwait(false);
            await spreadsheet.AddHeaderRowAsync(Titles, title, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var s = row.Status;
                var (text, date, number) = styles[row.Health];
                await spreadsheet.AddRowAsync(
                    [
                        Text(s.Organization, text), Text(s.TerminalId, text), Text(row.Health.ToString(), text),
                        Text(s.ApplicationVersion, text), Text(row.TargetVersion, text), Date(s.LastUpdate, date),
                        Date(s.LastSync, date), Date(s.ReceivedAt, date), Text(s.LastSyncError, text),
                        new StyledCell(s.OutboxDepth, number),
                        new StyledCell(s.OldestUnsentAge is { } age ? Math.Round(age.TotalMinutes, 1) : null, number),
                    ],
                    cancellationToken).ConfigureAwait(false);
            }

            await spreadsheet.FinishAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static (StyleId Text, StyleId Date, StyleId Number) HealthStyles(Spreadsheet spreadsheet, Color fill) => (
        spreadsheet.AddStyle(new Style { Fill = { Color = fill }, Alignment = { Vertical = VerticalAlignment.Top } }),
        spreadsheet.AddStyle(new Style { Fill = { Color = fill }, Format = NumberFormat.Custom(DateFormat) }),
        spreadsheet.AddStyle(new Style { Fill = { Color = fill } }));

    private static StyledCell Text(string? value, StyleId style) => new(Clean(value ?? ""), style);

    private static StyledCell Date(DateTimeOffset? value, StyleId style) => new(value?.UtcDateTime, style);

    /// <summary>
    /// The characters XML 1.0 cannot hold (most control characters, U+FFFE and U+FFFF), which a terminal's error text or
    /// a query's text may carry, become spaces: the writer would drop the control characters, joining the words around
    /// them, and write the other two as they are, which no reader accepts.
    /// </summary>
    private static string Clean(string value) =>
        value.Any(NotXml) ? new string(value.Select(c => NotXml(c) ? ' ' : c).ToArray()) : value;

    private static bool NotXml(char c) => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF';

    private static string Describe(StatusBoardQuery query)
    {
        var parts = new List<string> { string.Create(CultureInfo.InvariantCulture, $"Status board as of {query.AsOf?.UtcDateTime:yyyy-MM-dd HH:mm} UTC") };
        if (query.Organization is { } organization)
        {
            parts.Add($"organization {organization}");
        }

        if (query.UpdatedWithin is { } within)
        {
            parts.Add($"updated within {within}");
        }

        if (query.HideSynced)
        {
            parts.Add("successfully synced terminals hidden");
        }

        if (query.Health is { Count: > 0 } health)
        {
            parts.Add($"health {string.Join(", ", health)}");
        }

        if (!string.IsNullOrEmpty(query.Text))
        {
            parts.Add($"text \"{query.Text}\"");
        }

        parts.Add($"sorted by {query.Sort}");
        return string.Join("; ", parts);
    }
}
