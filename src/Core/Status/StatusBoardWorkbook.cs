using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PosFleet.Status;

/// <summary>
/// The status board as an <c>.xlsx</c> workbook, written with the Open XML SDK's streaming writer (constant memory per
/// row): a header naming the filters, the column titles (frozen, with an auto-filter), then one row per terminal filled
/// with its health's colour — the board's red, yellow, grey and green. Instants are Excel dates in UTC.
/// </summary>
internal sealed class StatusBoardWorkbook : IDisposable
{
    /// <summary>The fill colour (ARGB) of each health, as the board draws it.</summary>
    public static readonly IReadOnlyDictionary<TerminalHealth, string> Fills = new Dictionary<TerminalHealth, string>
    {
        [TerminalHealth.Green] = "FFC6EFCE",
        [TerminalHealth.Yellow] = "FFFFEB9C",
        [TerminalHealth.Grey] = "FFD9D9D9",
        [TerminalHealth.Red] = "FFFFC7CE",
    };

    private static readonly string[] Titles =
    [
        "Organization", "Terminal", "Health", "Version", "Target version", "Last update (UTC)", "Last sync (UTC)",
        "Last heard (UTC)", "Last sync error", "Outbox depth", "Oldest unsent (minutes)",
    ];

    private const uint TitleStyle = 1;
    private const uint FirstHealthStyle = 2; // then text, date, number for each health in rank order

    private readonly SpreadsheetDocument _document;
    private readonly OpenXmlWriter _writer;
    private uint _row;

    public StatusBoardWorkbook(Stream destination, StatusBoardQuery query)
    {
        _document = SpreadsheetDocument.Create(destination, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rIdSheet", SheetId = 1, Name = "Status board" }));
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheet = workbook.AddNewPart<WorksheetPart>("rIdSheet");
        _writer = OpenXmlWriter.Create(sheet);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 2, TopLeftCell = "A3", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        })
        { WorkbookViewId = 0 }));
        _writer.WriteElement(new Columns(Titles.Select((t, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, CustomWidth = true, Width = i == 8 ? 60 : Math.Max(14, t.Length + 2),
        })));
        _writer.WriteStartElement(new SheetData());
        WriteRow([Text(Describe(query), 0)]);
        WriteRow(Titles.Select(t => Text(t, TitleStyle)));
    }

    /// <summary>How many terminals were written.</summary>
    public int Count { get; private set; }

    public void Write(IEnumerable<StatusBoardRow> rows)
    {
        foreach (var row in rows)
        {
            var s = row.Status;
            var style = FirstHealthStyle + ((uint)row.Health * 3);
            WriteRow(
            [
                Text(s.Organization, style), Text(s.TerminalId, style), Text(row.Health.ToString(), style),
                Text(s.ApplicationVersion, style), Text(row.TargetVersion, style), Date(s.LastUpdate, style + 1),
                Date(s.LastSync, style + 1), Date(s.ReceivedAt, style + 1), Text(s.LastSyncError, style),
                Number(s.OutboxDepth, style + 2), Number(s.OldestUnsentAge is { } age ? Math.Round(age.TotalMinutes, 1) : null, style + 2),
            ]);
            Count++;
        }
    }

    public void Dispose()
    {
        _writer.WriteEndElement(); // sheetData
        _writer.WriteElement(new AutoFilter { Reference = $"A2:K{Math.Max(_row, 2)}" });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _document.Dispose();
    }

    private void WriteRow(IEnumerable<Cell> cells)
    {
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = _row });
        foreach (var cell in cells)
        {
            _writer.WriteElement(cell);
        }

        _writer.WriteEndElement();
    }

    private static Cell Text(string? value, uint style) => new()
    {
        DataType = CellValues.InlineString,
        StyleIndex = style,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Clean(value ?? "")) { Space = SpaceProcessingModeValues.Preserve }),
    };

    private static Cell Date(DateTimeOffset? value, uint style) => value is { } at
        ? new Cell { StyleIndex = style, CellValue = new CellValue(at.UtcDateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture)) }
        : new Cell { StyleIndex = style };

    private static Cell Number(double? value, uint style) => value is { } n
        ? new Cell { StyleIndex = style, DataType = CellValues.Number, CellValue = new CellValue(n.ToString("R", CultureInfo.InvariantCulture)) }
        : new Cell { StyleIndex = style };

    /// <summary>XML 1.0 cannot hold most control characters: a terminal's error text may, so they become spaces.</summary>
    private static string Clean(string value) =>
        value.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r')) ? new string(value.Select(c => c < ' ' && c is not ('\t' or '\n' or '\r') ? ' ' : c).ToArray()) : value;

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

    private static Stylesheet Stylesheet()
    {
        var fills = new List<Fill>
        {
            new(new PatternFill { PatternType = PatternValues.None }),
            new(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FF1F4E78"),
        };
        var formats = new List<CellFormat>
        {
            new() { FontId = 0, FillId = 0 },
            new() { FontId = 1, FillId = 2, ApplyFont = true, ApplyFill = true },
        };
        foreach (var health in Enum.GetValues<TerminalHealth>().Order())
        {
            var fill = (uint)fills.Count;
            fills.Add(Solid(Fills[health]));
            formats.Add(new CellFormat { FontId = 0, FillId = fill, ApplyFill = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top } });
            formats.Add(new CellFormat { FontId = 0, FillId = fill, NumberFormatId = 164, ApplyFill = true, ApplyNumberFormat = true });
            formats.Add(new CellFormat { FontId = 0, FillId = fill, ApplyFill = true });
        }

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new Color { Rgb = "FFFFFFFF" }, new FontName { Val = "Calibri" }))
            { Count = 2 },
            new Fills(fills) { Count = (uint)fills.Count },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(formats) { Count = (uint)formats.Count });

        static Fill Solid(string argb) => new(new PatternFill(
            new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 })
        { PatternType = PatternValues.Solid });
    }
}
