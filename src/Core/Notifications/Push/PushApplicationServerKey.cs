namespace PosFleet.Notifications.Push;

/// <summary>
/// The VAPID public key a browser subscribes with (<c>PushManager.subscribe({ applicationServerKey })</c>), registered
/// by the push notifier so that the web back office can hand it to the page. It holds the public key only: the private
/// key stays with the notifier.
/// </summary>
public sealed class PushApplicationServerKey
{
    /// <summary>Creates the key.</summary>
    /// <param name="publicKey">The uncompressed P-256 public key (65 bytes), base64url.</param>
    public PushApplicationServerKey(string publicKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKey);
        PublicKey = publicKey;
    }

    /// <summary>The uncompressed P-256 public key (65 bytes), base64url.</summary>
    public string PublicKey { get; }
}
