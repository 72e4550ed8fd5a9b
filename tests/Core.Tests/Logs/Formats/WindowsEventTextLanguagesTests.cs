using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>
/// <c>wevtutil qe System /f:text</c> on a Spanish, French, Italian or German Windows till: the labels and the level words
/// are the machine's language. Read without a declared layout, each event has the time of its date, the level Windows
/// means (in English, as on an English machine) and its source.
/// </summary>
public sealed class WindowsEventTextLanguagesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Per language: the labels (log name, source, date, level, description) and the level words critical, error, warning, information, verbose.</summary>
    public static TheoryData<string, string[], string[]> Languages => new()
    {
        { "es", ["Nombre de registro:", "Origen:", "Fecha:", "Nivel:", "Descripción:"], ["Crítico", "Error", "Advertencia", "Información", "Detallado"] },
        { "fr", ["Nom du journal :", "Source :", "Date :", "Niveau :", "Description :"], ["Critique", "Erreur", "Avertissement", "Information", "Commentaires"] },
        { "it", ["Nome registro:", "Origine:", "Data:", "Livello:", "Descrizione:"], ["Critico", "Errore", "Avviso", "Informazioni", "Dettagliato"] },
        { "de", ["Protokollname:", "Quelle:", "Datum:", "Ebene:", "Beschreibung:"], ["Kritisch", "Fehler", "Warnung", "Informationen", "Ausführlich"] },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ReadEntriesAsync_WevtutilTextInTheMachinesLanguage_LevelsTimesAndSourcesRead(string language, string[] labels, string[] levels)
    {
        // As saved on Windows: CRLF line ends and a byte-order mark.
        var text = string.Concat(levels.Select((level, i) => Event(i, labels, level))).ReplaceLineEndings("\r\n");
        var file = _dir.File($"system-{language}.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var entries = new List<LogEntry>();

        var summary = await TestLogs.Scanner().ReadEntriesAsync([file], entries.Add);

        Assert.Equal("windows-events-text", Assert.Single(summary.Sources).Format);
        Assert.Equal((0L, 0L, 5L), (summary.MalformedLines, summary.UntimedLines, summary.LinesInScope));
        Assert.Equal(["Critical", "Error", "Warning", "Information", "Verbose"], entries.Select(e => e.Level));
        Assert.Equal(
            [LogSeverity.Error, LogSeverity.Error, LogSeverity.Alert, LogSeverity.Success, LogSeverity.Success],
            entries.Select(e => e.Severity));
        Assert.Equal(
            [LogKind.Error, LogKind.Error, LogKind.None, LogKind.None, LogKind.None],
            entries.Select(e => e.Kind));
        Assert.Equal(
            Enumerable.Range(0, 5).Select(i => new DateTimeOffset(2026, 11, 30, 10, 15 + i, 30, 123, TimeSpan.Zero)),
            entries.Select(e => e.Timestamp));
        Assert.All(entries, e => Assert.Equal("Microsoft-Windows-Kernel-Power", e.Component));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Event {i} of the till."), entries.Select(e => e.Message));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task ScanAsync_WevtutilTextInTheMachinesLanguage_LevelCountsUnderWindowsEnglishWords(string language, string[] labels, string[] levels)
    {
        var text = string.Concat(levels.Select((level, i) => Event(i, labels, level)));
        var file = _dir.File($"system-{language}.txt", text);

        var summary = await TestLogs.Scanner().ScanAsync([file]);

        Assert.Equal(
            new Dictionary<string, long> { ["Critical"] = 1, ["Error"] = 1, ["Warning"] = 1, ["Information"] = 1, ["Verbose"] = 1 },
            summary.Levels.OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary());
    }

    /// <summary>One event as wevtutil prints it, with the other labels left in English (they are not read).</summary>
    private static string Event(int index, string[] labels, string level) => $"""
        Event[{index}]:
          {labels[0]} System
          {labels[1]} Microsoft-Windows-Kernel-Power
          {labels[2]} 2026-11-30T10:{15 + index}:30.123
          Event ID: 41
          {labels[3]} {level}
          Opcode: Info
          Computer: TILL-0027
          {labels[4]} 
        Event {index} of the till.

        """;
}
