using PosFleet.Connectors.WebPush;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// Push to the back office's browsers when VAPID keys are configured (<c>WebPush:PublicKey</c> and
/// <c>WebPush:PrivateKey</c>, the private one from the environment as <c>WebPush__PrivateKey</c> or a secret store, never
/// a command line): the Web Push notifier is registered and the bell page shows its Enable button. Without keys there is
/// no push notifier, and the engine records each push (an assignment's, say) as skipped with that reason.
/// </summary>
internal static class SamplePush
{
    /// <summary>Registers the Web Push notifier when the keys are configured, and answers a line saying which it did (the private key never in it).</summary>
    public static string AddSamplePush(this IPosFleetBuilder posFleet, IConfiguration section)
    {
        var publicKey = section["PublicKey"];
        var privateKey = section["PrivateKey"];
        if (string.IsNullOrWhiteSpace(publicKey) && string.IsNullOrWhiteSpace(privateKey))
        {
            return "Push notifications: off (WebPush:PublicKey and WebPush:PrivateKey are not configured); pushes are recorded as skipped.";
        }

        if (string.IsNullOrWhiteSpace(publicKey) || string.IsNullOrWhiteSpace(privateKey))
        {
            var missing = string.IsNullOrWhiteSpace(publicKey) ? "WebPush:PublicKey" : "WebPush:PrivateKey (such as the environment variable WebPush__PrivateKey)";
            throw new InvalidOperationException(
                $"Push needs both VAPID keys and {missing} is not configured: set it to the other half of the same key pair (samples/BackOffice/README.md says how to create one), or remove both to run without push.");
        }

        // The options validator names a missing or malformed Subject or key at start-up, without the private key's value.
        posFleet.AddWebPushNotifier(o => section.Bind(o));
        return "Push notifications: on (Web Push, VAPID public key " + publicKey + ").";
    }
}
