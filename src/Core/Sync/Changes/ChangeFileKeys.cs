using System.Security.Cryptography;

namespace PosFleet.Sync.Changes;

/// <summary>
/// The keys of signed change files: ECDSA on the NIST P-256 curve with SHA-256, from .NET's own
/// System.Security.Cryptography (no extra dependency, FIPS-approved, available wherever .NET runs).
/// </summary>
public static class ChangeFileKeys
{
    /// <summary>Creates a new key pair.</summary>
    /// <returns>The private and public keys as PEM, and the key id.</returns>
    public static ChangeFileKeyPair Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new ChangeFileKeyPair(key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem(), ChangeFileSignature.KeyId(key));
    }
}
