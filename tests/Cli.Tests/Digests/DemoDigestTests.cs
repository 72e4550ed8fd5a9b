using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Digests;

/// <summary><c>posfleet demo</c> ends with digests: some sent into its pickup folder, one held back below its threshold.</summary>
public sealed class DemoDigestTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_EndsWithDigests_SentInTheirLanguages_AndSaysWhichWereNotSentAndWhy()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("demo", "--dir", _dir.Path, "--size", "2MB");

        Assert.True(code == 0, stderr);
        Assert.Contains("not sent:", stdout, StringComparison.Ordinal);
        Assert.Contains("below its threshold of 10000000", stdout, StringComparison.Ordinal);
        var subjects = Directory.GetFiles(Path.Combine(_dir.Path, "mail"), "*.eml")
            .Select(f => File.ReadLines(f).First(l => l.StartsWith("Subject:", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(3, subjects.Count);
        Assert.Contains(subjects, s => s.Contains("Fleet errors:", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("errores del", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.Contains("[PROVA]", StringComparison.Ordinal));
        Assert.Contains($"3 message(s) in {Path.Combine(_dir.Path, "mail")}", stdout, StringComparison.Ordinal);
    }
}
