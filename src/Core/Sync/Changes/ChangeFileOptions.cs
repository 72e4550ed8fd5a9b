namespace PosFleet.Sync.Changes;

/// <summary>
/// How change batch files (<see cref="ChangeBatchFile"/>) are signed and checked. The back office signs with its private
/// key (ECDSA P-256); a terminal imports only files whose signature its public key verifies — a changed byte, another
/// back office's key or no signature is refused before anything is imported — unless <see cref="AllowUnsigned"/> says
/// otherwise. Keys are PEM text (<c>posfleet changes keygen</c> writes a pair) from a file or from configuration; they
/// are never logged. Each key is given as a file or as text, not both.
/// </summary>
public sealed class ChangeFileOptions
{
    /// <summary>The back office's private key (PKCS#8 PEM, <c>-----BEGIN PRIVATE KEY-----</c>), as text from configuration or a secret store.</summary>
    /// <value>The default value is <see langword="null"/> (files are written unsigned).</value>
    public string? SigningKey { get; set; }

    /// <summary>The file holding the back office's private key (readable by its owner only).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SigningKeyFile { get; set; }

    /// <summary>The back office's public key (PEM, <c>-----BEGIN PUBLIC KEY-----</c>) that a terminal verifies files with, as text.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? VerificationKey { get; set; }

    /// <summary>The file holding the back office's public key.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? VerificationKeyFile { get; set; }

    /// <summary>
    /// Whether a terminal imports files without a signature it can check (unsigned, or signed while no verification key
    /// is set). Files signed by another key, or changed after signing, are refused even so.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowUnsigned { get; set; }
}
