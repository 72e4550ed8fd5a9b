using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PosFleet.Sync.Enrolment;

/// <summary>
/// The form of a terminal credential: <c>pft1.</c>, the terminal id (base64url of its UTF-8) and a random 256-bit
/// secret (base64url), separated by dots. The back office keeps the SHA-256 of the secret: a secret of 256 random bits
/// needs no slow hash, and the comparison takes the same time whatever bytes differ.
/// </summary>
internal static class TerminalCredential
{
    private const string Prefix = "pft1.";
    private const int SecretBytes = 32;

    public static (string Credential, string SecretHash) Issue(string terminalId)
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        try
        {
            var credential = Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(terminalId)) + "." + Base64Url.EncodeToString(secret);
            return (credential, Convert.ToHexStringLower(SHA256.HashData(secret)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Splits a credential into its terminal id and its secret's hash; <see langword="false"/> when it is not one.</summary>
    public static bool TryRead(string? credential, out string terminalId, out byte[] secretHash)
    {
        terminalId = "";
        secretHash = [];
        if (credential is null || !credential.StartsWith(Prefix, StringComparison.Ordinal) || credential.Length > 1024)
        {
            return false;
        }

        var rest = credential.AsSpan(Prefix.Length);
        var dot = rest.IndexOf('.');
        if (dot <= 0)
        {
            return false;
        }

        var secret = new byte[SecretBytes + 3];
        var id = new byte[rest.Length];
        try
        {
            // A malformed credential is not one: Base64Url throws on a length no encoder produces, which is still "no".
            if (!Base64Url.TryDecodeFromChars(rest[..dot], id, out var idLength)
                || !Base64Url.TryDecodeFromChars(rest[(dot + 1)..], secret, out var secretLength)
                || secretLength != SecretBytes)
            {
                return false;
            }

            terminalId = Encoding.UTF8.GetString(id, 0, idLength);
            secretHash = SHA256.HashData(secret.AsSpan(0, SecretBytes));
            return terminalId.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Whether <paramref name="secretHash"/> is the stored hash, in time that does not depend on where they differ.</summary>
    public static bool Matches(byte[] secretHash, string storedHash)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(storedHash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == stored.Length
            && CryptographicOperations.FixedTimeEquals(secretHash, stored);
    }
}
