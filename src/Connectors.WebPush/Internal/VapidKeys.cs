using System.Buffers.Text;
using System.Security.Cryptography;

namespace PosFleet.Connectors.WebPush.Internal;

/// <summary>Reads VAPID keys in the base64url form that web-push tools print and browsers take.</summary>
internal static class VapidKeys
{
    public static byte[]? DecodePublicKey(string? key)
    {
        var bytes = Decode(key);
        return bytes is { Length: 65 } && bytes[0] == 0x04 ? bytes : null;
    }

    public static byte[]? DecodePrivateKey(string? key) => Decode(key) is { Length: 32 } bytes ? bytes : null;

    /// <summary>Whether the private scalar's public point is <paramref name="publicKey"/>.</summary>
    public static bool ArePair(byte[] publicKey, byte[] privateKey)
    {
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey });
            var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
            return q.X is not null && q.Y is not null
                && publicKey.AsSpan(1, 32).SequenceEqual(q.X) && publicKey.AsSpan(33, 32).SequenceEqual(q.Y);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[]? Decode(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        // Tools print base64url without padding; some paste standard base64 or keep the padding.
        var url = key.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        try
        {
            return Base64Url.DecodeFromChars(url);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
