using System.Security.Cryptography;

namespace PosFleet.Cli.Tests.Updates;

/// <summary><c>posfleet package publish|target|list|rollout</c> on a real SQLite file, the tool run as a process.</summary>
public sealed class PackageCommandTests : IDisposable
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

    [Fact]
    public async Task Publish_File_PrintsItsSizeAndSha256AndListShowsIt()
    {
        var file = Package("pos-35.0.zip", 5000);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file)));

        var publish = await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", file, "--location", "https://packages.example.com/pos/35.0.zip");
        var again = await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", file, "--location", "https://packages.example.com/pos/35.0.zip");
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);

        Assert.Equal((0, 0, 0), (publish.ExitCode, again.ExitCode, list.ExitCode));
        Assert.Equal($"Published pos 35.0 on stable, 5000 bytes, SHA-256 {sha256}, at https://packages.example.com/pos/35.0.zip", publish.Stdout.Trim());
        Assert.StartsWith("Already published, unchanged: pos 35.0", again.Stdout, StringComparison.Ordinal);
        Assert.Contains($"pos  35.0  stable  5000  {sha256}  https://packages.example.com/pos/35.0.zip", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_SameVersionOtherContent_Exit12AndTheFirstKept()
    {
        var first = Package("a.zip", 100);
        var second = Package("b.zip", 100);
        await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", first);

        var result = await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", second);
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);

        Assert.Equal(12, result.ExitCode);
        Assert.Contains("a release never changes its bytes: publish a new version", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(first))), list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_UnpublishedVersion_Exit2SayingSo()
    {
        await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", Package("a.zip", 10));

        var result = await PosFleetProcess.RunAsync("package", "target", "--store", BackOffice, "--organization", "ACME", "--package", "pos", "--version", "36.0");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Package pos 36.0 was not published: publish it first.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_TargetThenHaltAndResume_ShowsStageSelectionAndTheReason()
    {
        foreach (var till in new[] { "till-1", "till-2", "till-3" })
        {
            Assert.Equal(0, (await PosFleetProcess.RunAsync("terminal", "enrol", "--store", BackOffice, "--terminal", till, "--organization", "ACME", "--credential-file", Path.Combine(_dir.Path, till))).ExitCode);
        }

        await PosFleetProcess.RunAsync("package", "publish", "--store", BackOffice, "--package", "pos", "--version", "35.0", "--file", Package("a.zip", 10));

        var target = await PosFleetProcess.RunAsync("package", "target", "--store", BackOffice, "--organization", "ACME", "--package", "pos", "--version", "35.0", "--stages", "34,100");
        var halt = await PosFleetProcess.RunAsync("package", "rollout", "--store", BackOffice, "--organization", "ACME", "--halt", "help desk: receipts print twice");
        var list = await PosFleetProcess.RunAsync("package", "list", "--store", BackOffice);
        var resume = await PosFleetProcess.RunAsync("package", "rollout", "--store", BackOffice, "--organization", "ACME", "--resume");
        var widen = await PosFleetProcess.RunAsync("package", "rollout", "--store", BackOffice, "--organization", "ACME", "--widen");
        var other = await PosFleetProcess.RunAsync("package", "rollout", "--store", BackOffice, "--organization", "BETA");

        Assert.Equal((0, 0, 0, 0), (target.ExitCode, halt.ExitCode, resume.ExitCode, widen.ExitCode));
        Assert.Equal("ACME now targets pos 35.0: stages 34 %, 100 %; the first offers it to 2 of its 3 terminals.", target.Stdout.Trim());
        Assert.Contains("rollout stage 1 of 2 (34 %), HALTED: help desk: receipts print twice", halt.Stdout, StringComparison.Ordinal);
        Assert.Contains("terminals 3, offered 2, installed 0, failed 0, declined 0", halt.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, halt.Stdout.Split('\n').Count(l => l.Contains("  in stage  runs ?  no answer yet", StringComparison.Ordinal)));
        Assert.Contains("target ACME: pos 35.0, stage 1 of 2 (34 %), HALTED: help desk: receipts print twice", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("rollout stage 1 of 2 (34 %), running", resume.Stdout, StringComparison.Ordinal);
        Assert.Contains("rollout stage 2 of 2 (100 %), running", widen.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, widen.Stdout.Split('\n').Count(l => l.Contains("  in stage  ", StringComparison.Ordinal)));
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("Organization 'BETA' has no target", other.Stderr, StringComparison.Ordinal);
    }
}
