using System.Security.Cryptography;
using PosFleet.Tests;

namespace PosFleet.Samples.Tests.BackOffice;

/// <summary>
/// The back-office sample's push set-up from configuration (the environment, as a user passes a secret): with a VAPID
/// key pair the Web Push notifier is registered and the bell page offers push; with half a pair it refuses to start,
/// naming the missing key. The private key is never printed.
/// </summary>
public sealed class BackOfficeSamplePushTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_VapidKeysInTheEnvironment_RegistersWebPushAndTheBellPageOffersIt()
    {
        var (publicKey, privateKey) = NewVapidKeys();
        using var sample = Start(new() { ["WebPush__PublicKey"] = publicKey, ["WebPush__PrivateKey"] = privateKey });

        await sample.WaitForStdoutLineAsync(l => l == $"Push notifications: on (Web Push, VAPID public key {publicKey}).", TimeSpan.FromMinutes(2));
        const string Prefix = "PosFleet back office: ";
        var line = await sample.WaitForStdoutLineAsync(l => l.StartsWith(Prefix, StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        using var ana = await SampleLogin.SignInAsync(new Uri(line[Prefix.Length..].Split(' ')[0]), "ana");

        var bell = await ana.GetStringAsync("notifications");
        var key = await ana.GetStringAsync("notifications/push/key?org=shop-12");
        await sample.SignalAsync(PosFleetProcess.Signal.Terminate);
        var exit = await sample.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit.ExitCode);
        Assert.Contains("<button type=\"button\" class=\"pf-button\" id=\"push-enable\" hidden>", bell, StringComparison.Ordinal);
        Assert.Contains($"\"publicKey\":\"{publicKey}\"", key, StringComparison.Ordinal);
        Assert.DoesNotContain(privateKey, exit.Stdout + exit.Stderr + key + bell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OnlyThePublicKey_RefusesToStartNamingThePrivateKey()
    {
        var (publicKey, _) = NewVapidKeys();
        using var sample = Start(new() { ["WebPush__PublicKey"] = publicKey });

        var exit = await sample.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, exit.ExitCode);
        Assert.Contains("WebPush:PrivateKey (such as the environment variable WebPush__PrivateKey) is not configured", exit.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("PosFleet back office: ", exit.Stdout, StringComparison.Ordinal);
    }

    private PosFleetProcess Start(Dictionary<string, string?> push)
    {
        var environment = new Dictionary<string, string?>(push)
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage__Path"] = Path.Combine(_dir.Path, "fleet.db"),
            ["PickupFolder"] = Path.Combine(_dir.Path, "mail"),
            ["Ingest__Paths__0"] = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName,
        };
        return PosFleetProcess.Start(new PosFleetProcess.Options([BackOfficeSampleTests.SamplePath, "--demo"])
        {
            FileName = "dotnet",
            WorkingDirectory = _dir.Path,
            Timeout = TimeSpan.FromMinutes(2),
            Environment = environment,
        });
    }

    /// <summary>A fresh P-256 key pair as VAPID writes it: the uncompressed public point and the private scalar, base64url.</summary>
    private static (string Public, string Private) NewVapidKeys()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        byte[] point = [0x04, .. parameters.Q.X!, .. parameters.Q.Y!];
        return (Base64Url(point), Base64Url(parameters.D!));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
