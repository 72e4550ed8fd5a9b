using System.IO.Compression;
using System.Xml.Linq;
using PosFleet.Status;

namespace PosFleet.Tests.Status;

/// <summary>
/// The workbook's sheet as written, read as XML: what a spreadsheet program shows of a cell depends on details that
/// readers of values (openpyxl, the Open XML SDK's text) smooth over, such as an inline string's whitespace.
/// </summary>
public sealed class StatusBoardWorkbookTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Xml = XNamespace.Xml;

    [Fact]
    public async Task WriteAsync_TextAsSent_WhitespaceKeptAndCharactersXmlCannotHoldMadeSpaces()
    {
        var row = new StatusBoardRow(
            new TerminalStatus
            {
                TerminalId = "POS-0001",
                Organization = "acme",
                ApplicationVersion = "2.4.1",
                LastSyncError = "  timeout\u0001after 30 s\uFFFF\n",
                ReceivedAt = new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero),
            },
            TerminalHealth.Red,
            null);
        var query = new StatusBoardQuery { Text = "x\u0002y", AsOf = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero) };

        var sheet = await WriteAsync(query, [row]);

        var rows = sheet.Descendants(Main + "row").ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("text \"x y\"", Text(rows[0].Elements(Main + "c").First()), StringComparison.Ordinal);
        var error = rows[2].Elements(Main + "c").ElementAt(8).Descendants(Main + "t").Single();
        Assert.Equal("  timeout after 30 s \n", error.Value);
        Assert.Equal("preserve", (string?)error.Attribute(Xml + "space"));
        Assert.Equal("A2:K3", (string?)sheet.Element(Main + "autoFilter")?.Attribute("ref"));
    }

    [Fact]
    public async Task WriteAsync_NoTerminals_HeaderTitlesAndAnEmptyFilter()
    {
        var sheet = await WriteAsync(new StatusBoardQuery { AsOf = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero) }, []);

        var rows = sheet.Descendants(Main + "row").ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("Status board as of 2026-11-30 12:00 UTC", Text(rows[0].Elements(Main + "c").First()), StringComparison.Ordinal);
        Assert.Equal("Organization", Text(rows[1].Elements(Main + "c").First()));
        Assert.Equal("A2:K2", (string?)sheet.Element(Main + "autoFilter")?.Attribute("ref"));
        var pane = sheet.Descendants(Main + "pane").Single();
        Assert.Equal(("2", "A3", "frozen"), ((string?)pane.Attribute("ySplit"), (string?)pane.Attribute("topLeftCell"), (string?)pane.Attribute("state")));
    }

    private static async Task<XElement> WriteAsync(StatusBoardQuery query, IReadOnlyList<StatusBoardRow> rows)
    {
        using var buffer = new MemoryStream();
        await StatusBoardWorkbook.WriteAsync(buffer, query, rows, CancellationToken.None);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var part = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal));
        await using var stream = part.Open();
        return (await XDocument.LoadAsync(stream, LoadOptions.PreserveWhitespace, CancellationToken.None)).Root!;
    }

    private static string Text(XElement cell) => string.Concat(cell.Descendants(Main + "t").Select(t => t.Value));
}
