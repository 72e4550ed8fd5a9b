using System.Net;
using System.Text.RegularExpressions;
using PosFleet.Tests;

namespace PosFleet.Samples.Tests.BackOffice;

/// <summary>
/// The back-office sample started with <c>--demo</c> as a user starts it: the URL it prints, the development login,
/// and the status board of each demo user listing their organization's enrolled terminals with their health.
/// </summary>
public sealed partial class BackOfficeSampleDemoTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_StatusBoardOfEachUser_ListsTheirTerminalsInRedYellowGreyAndGreen()
    {
        var workingDirectory = Directory.CreateDirectory(Path.Combine(_dir.Path, "elsewhere")).FullName;
        using var sample = PosFleetProcess.Start(new PosFleetProcess.Options([BackOfficeSampleTests.SamplePath, "--demo"])
        {
            FileName = "dotnet",
            WorkingDirectory = workingDirectory,
            Timeout = TimeSpan.FromMinutes(2),
            Environment = new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Storage__Path"] = Path.Combine(_dir.Path, "fleet.db"),
                ["PickupFolder"] = Path.Combine(_dir.Path, "mail"),
                ["Ingest__Paths__0"] = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName,
            },
        });

        const string Prefix = "PosFleet back office: ";
        var line = await sample.WaitForStdoutLineAsync(l => l.StartsWith(Prefix, StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var fleet = new Uri(line[Prefix.Length..].Split(' ')[0]);

        var ana = await BoardAsync(fleet, "ana");
        var luca = await BoardAsync(fleet, "luca");
        await sample.SignalAsync(PosFleetProcess.Signal.Terminate);
        Assert.Equal(0, (await sample.WaitForExitAsync(TimeSpan.FromSeconds(30))).ExitCode);

        // Red: refused for a version below the minimum; grey: silent for two days; yellow: behind the target version.
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["till-01"] = "Yellow", ["till-02"] = "Green", ["till-03"] = "Red", ["till-04"] = "Green",
                ["till-05"] = "Yellow", ["till-06"] = "Green", ["till-07"] = "Grey",
            },
            ana);
        Assert.Equal(
            new Dictionary<string, string> { ["till-31"] = "Yellow", ["till-32"] = "Red", ["till-33"] = "Green", ["till-34"] = "Grey" },
            luca);
    }

    /// <summary>Signs <paramref name="user"/> in through the development login and reads the terminals and health of the board's rows.</summary>
    private static async Task<Dictionary<string, string>> BoardAsync(Uri fleet, string user)
    {
        using var client = await SampleLogin.SignInAsync(fleet, user, "/fleet/status");
        using var board = await client.GetAsync("status");
        var html = await board.Content.ReadAsStringAsync();
        Assert.True(board.StatusCode == HttpStatusCode.OK, html);
        return BoardRow().Matches(html).ToDictionary(m => m.Groups["terminal"].Value, m => m.Groups["health"].Value);
    }

    [GeneratedRegex("""<tr class="pf-health-[a-z]+" data-health="(?<health>[A-Za-z]+)" data-terminal="(?<terminal>[^"]+)">""")]
    private static partial Regex BoardRow();
}
