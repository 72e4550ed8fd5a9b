using System.Buffers.Text;
using System.Security.Cryptography;

namespace PosFleet.Connectors.WebPush.Tests;

/// <summary>A fresh VAPID key pair, in the base64url form `npx web-push generate-vapid-keys` prints.</summary>
internal sealed record VapidKeyPair(string PublicKey, string PrivateKey)
{
    public static VapidKeyPair Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeyPair(Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D));
    }
}
