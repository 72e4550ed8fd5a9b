using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.WebPush.Internal;

/// <summary>
/// Checks the VAPID identity before the first notification: a subject push services accept, a public key that is a
/// P-256 point and a private key that belongs to it, and push service hosts that are host names or <c>*.</c> domains. No message quotes the private key.
/// </summary>
internal sealed class WebPushNotifierOptionsValidator : IValidateOptions<WebPushNotifierOptions>
{
    private const string Generate = "generate a pair with `npx web-push generate-vapid-keys` (see the package README)";

    public ValidateOptionsResult Validate(string? name, WebPushNotifierOptions o)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(o.Subject, UriKind.Absolute, out var subject) || (subject.Scheme != "mailto" && subject.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"WebPushNotifierOptions.Subject '{o.Subject}' is not a mailto: address nor an https: URL; set who push services can contact, such as 'mailto:fleet@example.com'.");
        }

        var publicKey = VapidKeys.DecodePublicKey(o.PublicKey);
        if (publicKey is null)
        {
            errors.Add($"WebPushNotifierOptions.PublicKey is not a base64url P-256 public key (65 bytes, starting with 0x04); {Generate}.");
        }

        var privateKey = VapidKeys.DecodePrivateKey(o.PrivateKey);
        if (privateKey is null)
        {
            errors.Add($"WebPushNotifierOptions.PrivateKey is {(string.IsNullOrEmpty(o.PrivateKey) ? "empty" : "not a base64url P-256 private key (32 bytes)")}; {Generate}, and read the private key from a secret.");
        }
        else if (publicKey is not null && !VapidKeys.ArePair(publicKey, privateKey))
        {
            errors.Add($"WebPushNotifierOptions.PrivateKey does not belong to WebPushNotifierOptions.PublicKey; set both keys of the same pair ({Generate}).");
        }

        if (o.TimeToLive < TimeSpan.Zero || o.TimeToLive > TimeSpan.FromDays(28))
        {
            errors.Add($"WebPushNotifierOptions.TimeToLive is {o.TimeToLive}; use zero to 28 days (push services keep a message four weeks at most).");
        }

        if (o.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"WebPushNotifierOptions.RequestTimeout is {o.RequestTimeout}; it must be more than zero.");
        }

        if (o.MaxAttempts < 1)
        {
            errors.Add($"WebPushNotifierOptions.MaxAttempts is {o.MaxAttempts}; it must be at least 1.");
        }

        if (o.RetryDelay < TimeSpan.Zero || o.MaxRetryDelay < o.RetryDelay)
        {
            errors.Add($"WebPushNotifierOptions.RetryDelay ({o.RetryDelay}) must not be negative nor longer than WebPushNotifierOptions.MaxRetryDelay ({o.MaxRetryDelay}).");
        }

        if (o.MaxRetryDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"WebPushNotifierOptions.MaxRetryDelay is {o.MaxRetryDelay}; it must be at most one hour (leave longer waits to the next delivery attempt).");
        }

        errors.AddRange(PushServiceHosts.Check(o.AllowedPushServiceHosts).Select(error => $"WebPushNotifierOptions.AllowedPushServiceHosts: {error}"));

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
