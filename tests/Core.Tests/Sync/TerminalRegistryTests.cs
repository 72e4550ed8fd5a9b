using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Tests.Sync;

/// <summary>Enrolment issues a per-terminal secret that the back office keeps only as a hash.</summary>
public sealed class TerminalRegistryTests
{
    private readonly TestClock _clock = new();

    [Fact]
    public async Task EnrolAsync_StoresOnlyTheHashOfANewRandomSecret()
    {
        await using var backOffice = new BackOffice(_clock);

        var first = await backOffice.Registry.EnrolAsync("till-01", "ACME");
        var second = await backOffice.Registry.EnrolAsync("till-02", "ACME");
        var record = await backOffice.Services.GetRequiredService<ITerminalCredentialStore>().GetAsync("till-01", default);

        var secret = first.Credential[(first.Credential.LastIndexOf('.') + 1)..];
        Assert.Equal(43, secret.Length); // 256 bits, base64url
        Assert.NotEqual(secret, second.Credential[(second.Credential.LastIndexOf('.') + 1)..]);
        Assert.Equal(64, record!.SecretHash.Length);
        Assert.DoesNotContain(secret, record.ToString(), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Buffers.Text.Base64Url.DecodeFromChars(secret))), record.SecretHash);
        Assert.Equal(new TerminalIdentity("till-01", "ACME"), await backOffice.Registry.AuthenticateAsync(first.Credential));
        Assert.Equal(new TerminalIdentity("till-02", "ACME"), await backOffice.Registry.AuthenticateAsync(second.Credential));
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownTerminal_Null()
    {
        await using var backOffice = new BackOffice(_clock);
        await using var other = new BackOffice(_clock);
        var elsewhere = await other.Registry.EnrolAsync("till-01", "ACME");

        Assert.Null(await backOffice.Registry.AuthenticateAsync(elsewhere.Credential));
    }

    [Fact]
    public async Task EnrolmentToString_LeavesTheCredentialOut()
    {
        await using var backOffice = new BackOffice(_clock);

        var enrolment = await backOffice.Registry.EnrolAsync("till-01", "ACME");

        Assert.DoesNotContain(enrolment.Credential, enrolment.ToString(), StringComparison.Ordinal);
        Assert.Contains("till-01", enrolment.ToString(), StringComparison.Ordinal);
    }
}
