using System.Security.Cryptography;
using System.Text.Json;

namespace PosFleet.Cli.Tests.Updates;

/// <summary><c>posfleet package publish|target|list|rollout --json</c> on a real SQLite file, the tool run as a process, the output parsed.</summary>
public sealed class PackageJsonTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string BackOffice => Path.Combine(_dir.Path, "backoffice.db");

    private string Package(string name, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return _dir.File(name, bytes);
    }

    private static JsonElement Parse(PosFleetProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    private async Task SetUpAcmeAsync()
    {
        foreach (var till in new[] { "till-1", "till-2", "till-3" })
        {
            Assert.Equal(0, (await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", till, "--organization", "ACME", "--credential-file", Path.Combine(_dir.Path, till))).ExitCode);
        }

        Assert.Equal(0, (await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", Package("a.zip", 10))).ExitCode);
    }

    [Fact]
    public async Task PublishJson_NewThenSameRelease_PublishedFlagSizeAndSha256()
    {
        var file = Package("pos-35.0.zip", 5000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));
        string[] args = ["package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", file, "--location", "https://packages.example.com/pos/35.0.zip", "--json"];

        var first = Parse(await PosFleetProcess.RunAsync(args));
        var again = Parse(await PosFleetProcess.RunAsync(args));

        Assert.True(first.GetProperty("published").GetBoolean());
        Assert.False(again.GetProperty("published").GetBoolean());
        var release = first.GetProperty("release");
        Assert.Equal(("pos", "35.0", "stable", 5000L, sha256, "https://packages.example.com/pos/35.0.zip"),
            (release.GetProperty("package").GetString(), release.GetProperty("version").GetString(), release.GetProperty("channel").GetString(),
             release.GetProperty("size").GetInt64(), release.GetProperty("sha256").GetString(), release.GetProperty("location").GetString()));
        Assert.True(release.GetProperty("publishedAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public async Task TargetJson_TwoStages_TargetStagesAndOfferedCount()
    {
        await SetUpAcmeAsync();

        var root = Parse(await PosFleetProcess.RunAsync("package", "target", "--store", BackOffice, "--organization", "ACME", "--package", "pos", "--version", "35.0", "--stages", "34,100", "--json"));

        var target = root.GetProperty("target");
        Assert.Equal(("ACME", "pos", "35.0"), (target.GetProperty("organization").GetString(), target.GetProperty("package").GetString(), target.GetProperty("version").GetString()));
        Assert.Equal([34, 100], target.GetProperty("rollout").GetProperty("stages").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal((1, 34, false), (target.GetProperty("rollout").GetProperty("stage").GetInt32(), target.GetProperty("rollout").GetProperty("share").GetInt32(), target.GetProperty("rollout").GetProperty("halted").GetBoolean()));
        Assert.Equal((3, 2), (root.GetProperty("terminalCount").GetInt32(), root.GetProperty("offered").GetInt32()));
    }

    [Fact]
    public async Task ListJson_ReleaseAndHaltedTarget_BothListed()
    {
        await SetUpAcmeAsync();
        await PosFleetProcess.RunAsync("package", "target", "--store", BackOffice, "--organization", "ACME", "--package", "pos", "--version", "35.0");
        await PosFleetProcess.RunAsync("package", "rollout", "--store", BackOffice, "--organization", "ACME", "--halt", "receipts print twice");

        var root = Parse(await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice, "--json"));

        var release = Assert.Single(root.GetProperty("releases").EnumerateArray());
        Assert.Equal(("pos", "35.0", 10L), (release.GetProperty("package").GetString(), release.GetProperty("version").GetString(), release.GetProperty("size").GetInt64()));
        var target = Assert.Single(root.GetProperty("targets").EnumerateArray());
        Assert.Equal("ACME", target.GetProperty("organization").GetString());
        Assert.Equal("receipts print twice", target.GetProperty("rollout").GetProperty("haltedReason").GetString());
    }

    [Fact]
    public async Task RolloutJson_AfterWiden_EveryTerminalInStageWithNoAnswerYet()
    {
        await SetUpAcmeAsync();
        await PosFleetProcess.RunAsync("package", "target", "--store", BackOffice, "--organization", "ACME", "--package", "pos", "--version", "35.0", "--stages", "34,100");

        var root = Parse(await PosFleetProcess.RunAsync("package", "rollout", "--store", BackOffice, "--organization", "ACME", "--widen", "--json"));

        Assert.Equal(2, root.GetProperty("target").GetProperty("rollout").GetProperty("stage").GetInt32());
        var terminals = root.GetProperty("terminals").EnumerateArray().ToList();
        Assert.Equal(["till-1", "till-2", "till-3"], terminals.Select(t => t.GetProperty("terminal").GetString()).Order());
        Assert.All(terminals, t => Assert.True(t.GetProperty("inStage").GetBoolean()));
        Assert.All(terminals, t => Assert.Equal(JsonValueKind.Null, t.GetProperty("lastResult").ValueKind));
        Assert.Equal((0, 0, 0), (root.GetProperty("installed").GetInt32(), root.GetProperty("failed").GetInt32(), root.GetProperty("declined").GetInt32()));
    }
}
