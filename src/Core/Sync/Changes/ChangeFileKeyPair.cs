namespace PosFleet.Sync.Changes;

/// <summary>A new key pair for signing change files (<see cref="ChangeFileKeys.Create"/>).</summary>
/// <param name="PrivateKeyPem">The private key (PKCS#8 PEM): the back office's, kept secret (a file readable by its owner only, or a secret store).</param>
/// <param name="PublicKeyPem">The public key (PEM): given to the terminals, which verify files with it.</param>
/// <param name="KeyId">The key's short id (16 hex digits of the SHA-256 of the public key), named in messages about a signature.</param>
public sealed record ChangeFileKeyPair(string PrivateKeyPem, string PublicKeyPem, string KeyId)
{
    /// <summary>The key id only: the private key never goes into a log or a message by way of <c>ToString</c>.</summary>
    /// <returns>A description without the private key.</returns>
    public override string ToString() => $"ChangeFileKeyPair {{ KeyId = {KeyId} }}";
}
