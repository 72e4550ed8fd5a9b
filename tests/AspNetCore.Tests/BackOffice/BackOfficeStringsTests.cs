using System.Globalization;
using PosFleet.Actions;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.AspNetCore.BackOffice.Pages;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Status;

namespace PosFleet.Tests.BackOffice;

/// <summary>
/// The back office's words in its four languages: none may lack a text the others have (the page would show a key or
/// a word of another language), and a text that is missing all the same reads in English rather than as its key.
/// </summary>
public sealed class BackOfficeStringsTests
{
    private static readonly string[] Languages = ["en", "es", "fr", "it"];

    [Fact]
    public void PageStrings_EveryKey_HasANonEmptyTextInEachOfTheFourLanguages()
    {
        var missing = PageStrings.Strings
            .SelectMany(entry => Languages.Select((language, i) => (entry.Key, language, Text: i < entry.Value.Length ? entry.Value[i] : null)))
            .Where(t => string.IsNullOrWhiteSpace(t.Text))
            .Select(t => $"{t.Key} ({t.language})")
            .ToList();

        Assert.True(missing.Count == 0, "texts missing: " + string.Join(", ", missing));
        Assert.All(PageStrings.Strings, entry => Assert.True(entry.Value.Length == Languages.Length, $"{entry.Key} has {entry.Value.Length} texts, not one per language"));
    }

    [Fact]
    public void PageStrings_KeysMadeFromValues_ExistForEveryValue()
    {
        // Keys the pages build from an enum or a list ("State_" + the action's state): every value must have its text.
        var keys = Enum.GetNames<RemoteActionState>().Select(n => "State_" + n)
            .Concat(Enum.GetNames<DigestRunOutcome>().Select(n => "Outcome_" + n))
            .Concat(Enum.GetNames<DigestRunStatus>().Select(n => "RunStatus_" + n))
            .Concat(Enum.GetNames<DigestTrigger>().Select(n => "Trigger_" + n))
            .Concat(Enum.GetNames<DigestRecipientStatus>().Select(n => "Delivery_" + n))
            .Concat(Enum.GetNames<TerminalHealth>().Select(n => "Health_" + n))
            .Concat(Enum.GetNames<StatusBoardSort>().Select(n => "Sort_" + n))
            .Concat(new[] { LogKind.Error, LogKind.Fail, LogKind.Offline, LogKind.Retry }.Select(k => "Kind_" + k))
            .Concat(new[] { "days", "hours", "minutes" }.Select(u => "Unit_" + u))
            .Concat(new[] { "Window", "Trigger", "State", "Count", "Deliveries" }.Select(c => "Run_" + c))
            .Concat(new[] { "Organization", "Terminal", "Health", "Version", "LastUpdate", "LastSync", "LastHeard", "LastSyncError", "Outbox", "Actions" }.Select(c => "Col_" + c));

        var missing = keys.Where(k => !PageStrings.Strings.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "keys without texts: " + string.Join(", ", missing));
    }

    [Fact]
    public void PageWords_TextMissingInALanguage_FallsBackToEnglish()
    {
        Assert.Equal("Retrieve logs", PageStrings.PageWords.Text(["Retrieve logs", "Obtener registros"], 2));
        Assert.Equal("Retrieve logs", PageStrings.PageWords.Text(["Retrieve logs", "", "", ""], 3));
        Assert.Equal("Obtener registros", PageStrings.PageWords.Text(["Retrieve logs", "Obtener registros"], 1));
        Assert.Equal("Récupérer les journaux", PageStrings.For(CultureInfo.GetCultureInfo("fr-CA"))["RetrieveLogs"]);
        Assert.Equal("Retrieve logs", PageStrings.For(CultureInfo.GetCultureInfo("de"))["RetrieveLogs"]);
    }

    public static TheoryData<string, object, object, object, object> SharedStrings => new()
    {
        { nameof(BackOfficeStrings), BackOfficeStrings.English, BackOfficeStrings.Spanish, BackOfficeStrings.French, BackOfficeStrings.Italian },
        { nameof(DashboardStrings), DashboardStrings.English, DashboardStrings.Spanish, DashboardStrings.French, DashboardStrings.Italian },
        { nameof(ReportsStrings), ReportsStrings.English, ReportsStrings.Spanish, ReportsStrings.French, ReportsStrings.Italian },
    };

    [Theory]
    [MemberData(nameof(SharedStrings))]
    public void SharedStrings_EveryText_IsSetInEachOfTheFourLanguages(string name, object english, object spanish, object french, object italian)
    {
        var missing = new List<string>();
        foreach (var (language, strings) in new[] { ("en", english), ("es", spanish), ("fr", french), ("it", italian) })
        {
            foreach (var property in strings.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && !p.GetGetMethod()!.IsStatic))
            {
                var value = property.GetValue(strings);
                if (value is null || (value is string text && string.IsNullOrWhiteSpace(text)))
                {
                    missing.Add($"{property.Name} ({language})");
                }
                else if (value is IReadOnlyDictionary<LogSeverity, string> severities)
                {
                    missing.AddRange(Enum.GetValues<LogSeverity>().Where(s => !severities.TryGetValue(s, out var t) || string.IsNullOrWhiteSpace(t)).Select(s => $"{property.Name}[{s}] ({language})"));
                }
                else if (value is IReadOnlyDictionary<LogKind, string> kinds)
                {
                    missing.AddRange(Enum.GetValues<LogKind>().Where(k => !kinds.TryGetValue(k, out var t) || string.IsNullOrWhiteSpace(t)).Select(k => $"{property.Name}[{k}] ({language})"));
                }
            }
        }

        Assert.True(missing.Count == 0, $"{name}: texts missing: " + string.Join(", ", missing));
    }
}
