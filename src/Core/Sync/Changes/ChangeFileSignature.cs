using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Changes;

/// <summary>
/// The signature of a change batch file: a one-line header before the gzip body,
/// <c>PFCB-SIG1 &lt;key id&gt; &lt;base64 ECDSA P-256 signature of the body's SHA-256&gt;\n</c>, fixed in length so that
/// the exporter reserves it, writes the body, then fills it in. A file without the header is an unsigned one (the
/// format before signatures). The whole body is checked before anything is imported.
/// </summary>
internal static class ChangeFileSignature
{
    private const string Magic = "PFCB-SIG1 ";
    private const int KeyIdLength = 16;
    private const int SignatureBase64Length = 88; // 64 bytes (IEEE P1363 r||s of P-256)

    /// <summary>The header's length in bytes: magic, key id, a space, the signature, a newline.</summary>
    public const int HeaderLength = 10 + KeyIdLength + 1 + SignatureBase64Length + 1;

    public static string KeyId(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..KeyIdLength];

    public static ECDsa? LoadSigningKey(ChangeFileOptions options) =>
        Load(options.SigningKey, options.SigningKeyFile, nameof(ChangeFileOptions.SigningKey), "a private key (-----BEGIN PRIVATE KEY-----, 'posfleet changes keygen')");

    public static ECDsa? LoadVerificationKey(ChangeFileOptions options) =>
        Load(options.VerificationKey, options.VerificationKeyFile, nameof(ChangeFileOptions.VerificationKey), "a public key (-----BEGIN PUBLIC KEY-----, 'posfleet changes keygen')");

    /// <summary>Fills in the header reserved at the start of <paramref name="path"/> with the signature of what follows it.</summary>
    public static async Task SignAsync(string path, ECDsa key, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 65536, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            file.Position = HeaderLength;
            var hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            var header = $"{Magic}{KeyId(key)} {Convert.ToBase64String(key.SignHash(hash))}\n";
            file.Position = 0;
            await file.WriteAsync(Encoding.ASCII.GetBytes(header), cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Checks the file's signature against <paramref name="key"/> under <paramref name="options"/>' policy and returns
    /// where the gzip body starts; throws <see cref="ChangeFileSignatureException"/> when the file is to be refused.
    /// </summary>
    public static async Task<long> VerifyAsync(string path, ChangeFileOptions options, ECDsa? key, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var header = new byte[HeaderLength];
            var read = await file.ReadAtLeastAsync(header, HeaderLength, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < Magic.Length || !header.AsSpan(0, Magic.Length).SequenceEqual(Encoding.ASCII.GetBytes(Magic)))
            {
                return options.AllowUnsigned ? 0 : throw new ChangeFileSignatureException(
                    $"'{path}' is not signed, and this terminal imports only files signed by its back office. Nothing was imported: export it again with the back office's signing key, or allow unsigned files explicitly (ChangeFileOptions.AllowUnsigned, 'posfleet changes import --allow-unsigned').");
            }

            var text = Encoding.ASCII.GetString(header, 0, read);
            byte[] signature;
            try
            {
                if (read != HeaderLength || text[^1] != '\n' || text[Magic.Length + KeyIdLength] != ' ')
                {
                    throw new FormatException("the header has the wrong length");
                }

                signature = Convert.FromBase64String(text.Substring(Magic.Length + KeyIdLength + 1, SignatureBase64Length));
            }
            catch (FormatException)
            {
                throw new ChangeFileSignatureException($"'{path}' has a damaged signature line: it was changed or cut after the back office signed it. Nothing was imported: copy or export it again.");
            }

            var signer = text.Substring(Magic.Length, KeyIdLength);
            if (key is null)
            {
                return options.AllowUnsigned ? HeaderLength : throw new ChangeFileSignatureException(
                    $"'{path}' is signed by key {Sanitize(signer)}, but no key to verify it is configured. Nothing was imported: give the back office's public key (ChangeFileOptions.VerificationKeyFile, 'posfleet changes import --verification-key FILE').");
            }

            var trusted = KeyId(key);
            if (!string.Equals(signer, trusted, StringComparison.Ordinal))
            {
                throw new ChangeFileSignatureException(
                    $"'{path}' is signed by key {Sanitize(signer)}, not by the back office key this terminal trusts ({trusted}). Nothing was imported: ask that back office for the file, or configure its public key.");
            }

            var hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            if (!key.VerifyHash(hash, signature))
            {
                throw new ChangeFileSignatureException(
                    $"'{path}' does not match its signature (key {trusted}): it was changed or damaged after the back office signed it. Nothing was imported: copy or export it again.");
            }

            return HeaderLength;
        }
    }

    /// <summary>
    /// A key that cannot be used is an invalid option, reported as options are (the CLI's exit code 4). The
    /// cryptography's own exception is left out: its message could quote the key's text.
    /// </summary>
    private static OptionsValidationException Invalid(string message) =>
        new(nameof(ChangeFileOptions), typeof(ChangeFileOptions), [message]);

    private static string Sanitize(string keyId) => keyId.All(char.IsAsciiHexDigitLower) ? keyId : "(unreadable)";

    private static ECDsa? Load(string? text, string? file, string option, string what)
    {
        if (text is not null && file is not null)
        {
            throw Invalid($"ChangeFileOptions.{option} and {option}File are both set: give the key once, as text or as a file.");
        }

        if (file is not null)
        {
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw Invalid($"ChangeFileOptions.{option}File: '{file}' cannot be read ({ex.Message}).");
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return file is null ? null : throw Invalid($"ChangeFileOptions.{option}File: '{file}' is empty; it should hold {what}.");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(text);
            if (key.KeySize != 256)
            {
                throw new CryptographicException("not a P-256 key");
            }

            // A public key where a private one is needed fails when signing; say so now.
            if (option == nameof(ChangeFileOptions.SigningKey))
            {
                key.ExportECPrivateKey();
            }

            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            // The key's text is never part of the message.
            throw Invalid($"ChangeFileOptions.{option}{(file is null ? "" : $"File '{file}'")} is not {what} of ECDSA P-256.");
        }
    }
}
