using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PosFleet.Cli.Tests.Updates;

/// <summary>
/// <c>posfleet package publish</c> with a signed location: refused on the command line, taken from the variable, a file
/// or standard input, stored whole for the terminals and listed without its query or user information.
/// </summary>
public sealed class PackageLocationTests : IDisposable
{
    private const string Signed = "https://deploy:hunter2@packages.example.com/pos/35.0.zip?X-Amz-Signature=0badc0ffee&X-Amz-Expires=600";
    private const string Shown = "https://packages.example.com/pos/35.0.zip";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string BackOffice => Path.Combine(_dir.Path, "backoffice.db");

    private string Package() => _dir.File("pos-35.0.zip", [1, 2, 3, 4, 5]);

    private string[] Publish(params string[] more) =>
        ["package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", Package(), .. more];

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain("0badc0ffee", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", text, StringComparison.Ordinal);
    }

    private string StoredLocation()
    {
        using var connection = new SqliteConnection($"Data Source={BackOffice};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT location FROM package_releases WHERE package_id = 'pos' AND version = '35.0'";
        return (string)command.ExecuteScalar()!;
    }

    [Theory]
    [InlineData(Signed)]
    [InlineData("https://packages.example.com/pos/35.0.zip?X-Amz-Signature=0badc0ffee")]
    [InlineData("https://deploy:hunter2@packages.example.com/pos/35.0.zip")]
    public async Task Publish_SignedLocationAsArgument_Exit2NamingTheVariableAndNothingPublished(string location)
    {
        var result = await PosFleetProcess.RunAsync(Publish("--location", location));
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--location {Shown} carries a query or user information", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("POSFLEET_PACKAGE_LOCATION", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--location-file", result.Stderr, StringComparison.Ordinal);
        AssertNoSecret(result.Stderr + result.Stdout);
        Assert.DoesNotContain("pos  35.0", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SignedLocationFromVariable_StoredWholeAndListedWithoutQueryOrUser()
    {
        var publish = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(Publish())
        {
            Environment = new Dictionary<string, string?> { ["POSFLEET_PACKAGE_LOCATION"] = Signed },
        });
        var publishJson = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(Publish("--json"))
        {
            Environment = new Dictionary<string, string?> { ["POSFLEET_PACKAGE_LOCATION"] = Signed },
        });
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);
        var listJson = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice, "--json");

        Assert.Equal((0, 0, 0, 0), (publish.ExitCode, publishJson.ExitCode, list.ExitCode, listJson.ExitCode));
        Assert.Equal(new Uri(Signed).AbsoluteUri, StoredLocation());
        Assert.EndsWith($"at {Shown} (from POSFLEET_PACKAGE_LOCATION)", publish.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Equal("POSFLEET_PACKAGE_LOCATION", JsonDocument.Parse(publishJson.Stdout).RootElement.GetProperty("locationFrom").GetString());
        Assert.Contains($"  {Shown}", list.Stdout, StringComparison.Ordinal);
        Assert.Equal(Shown, JsonDocument.Parse(publishJson.Stdout).RootElement.GetProperty("release").GetProperty("location").GetString());
        Assert.Equal(Shown, JsonDocument.Parse(listJson.Stdout).RootElement.GetProperty("releases")[0].GetProperty("location").GetString());
        foreach (var output in new[] { publish, publishJson, list, listJson })
        {
            AssertNoSecret(output.Stdout + output.Stderr);
        }
    }

    [Fact]
    public async Task Publish_SignedLocationFromFile_StoredWhole()
    {
        var file = _dir.File("location.txt", Signed + "\n");

        var publish = await PosFleetProcess.RunAsync(Publish("--location-file", file));

        Assert.Equal(0, publish.ExitCode);
        Assert.Equal(new Uri(Signed).AbsoluteUri, StoredLocation());
        Assert.EndsWith($"at {Shown} (from --location-file)", publish.Stdout.Trim(), StringComparison.Ordinal);
        AssertNoSecret(publish.Stdout + publish.Stderr);
    }

    [Fact]
    public async Task Publish_LocationFileBesideLeftoverVariable_FileUsedAndNamedInTextAndJson()
    {
        var file = _dir.File("location.txt", "https://packages.example.com/pos/35.0.zip\n");
        var leftover = new Dictionary<string, string?> { ["POSFLEET_PACKAGE_LOCATION"] = "https://old.example.com/pos/34.0.zip?sig=0badc0ffee" };

        var publish = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(Publish("--location-file", file)) { Environment = leftover });
        var publishJson = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(Publish("--location-file", file, "--json")) { Environment = leftover });

        Assert.Equal((0, 0), (publish.ExitCode, publishJson.ExitCode));
        Assert.Equal(Shown, StoredLocation());
        Assert.EndsWith($"at {Shown} (from --location-file)", publish.Stdout.Trim(), StringComparison.Ordinal);
        Assert.Equal("--location-file", JsonDocument.Parse(publishJson.Stdout).RootElement.GetProperty("locationFrom").GetString());
        AssertNoSecret(publish.Stdout + publish.Stderr + publishJson.Stdout + publishJson.Stderr);
    }

    [Fact]
    public async Task Publish_LocationWithLocationFile_Exit2AskingForOneAndNothingPublished()
    {
        var file = _dir.File("location.txt", Signed + "\n");

        var publish = await PosFleetProcess.RunAsync(Publish("--location", Shown, "--location-file", file));
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);

        Assert.Equal(2, publish.ExitCode);
        Assert.Contains("Give one of --location and --location-file.", publish.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pos  35.0", list.Stdout, StringComparison.Ordinal);
        AssertNoSecret(publish.Stdout + publish.Stderr);
    }

    [Fact]
    public async Task Publish_LocationFileMissing_Exit3NamingTheFileAndNothingPublished()
    {
        var missing = Path.Combine(_dir.Path, "no-such-location.txt");

        var publish = await PosFleetProcess.RunAsync(Publish("--location-file", missing));
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);

        Assert.Equal(3, publish.ExitCode);
        Assert.Contains($"--location-file '{missing}' cannot be read", publish.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pos  35.0", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SignedLocationFromStandardInput_StoredWhole()
    {
        var publish = await PosFleetProcess.RunWithInputAsync(Signed + "\n", Publish("--location-file", "-"));

        Assert.Equal(0, publish.ExitCode);
        Assert.Equal(new Uri(Signed).AbsoluteUri, StoredLocation());
        AssertNoSecret(publish.Stdout + publish.Stderr);
    }

    [Fact]
    public async Task Publish_VariableNotAnAddress_Exit2NamingTheVariableWithoutEchoingIt()
    {
        var publish = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(Publish())
        {
            Environment = new Dictionary<string, string?> { ["POSFLEET_PACKAGE_LOCATION"] = "packages.example.com/pos?X-Amz-Signature=0badc0ffee" },
        });

        Assert.Equal(2, publish.ExitCode);
        Assert.Contains("POSFLEET_PACKAGE_LOCATION does not hold an absolute URI", publish.Stderr, StringComparison.Ordinal);
        AssertNoSecret(publish.Stderr);
    }
}
