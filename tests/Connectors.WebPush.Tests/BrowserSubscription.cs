using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.WebPush.Tests;

/// <summary>
/// What a browser holds for one push subscription: its P-256 key pair and authentication secret. It decrypts what
/// the push service delivers as a browser does (RFC 8291 on RFC 8188's aes128gcm), so a test reads the payload.
/// </summary>
internal sealed class BrowserSubscription : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _auth = RandomNumberGenerator.GetBytes(16);

    public byte[] PublicKey => Point(_key.ExportParameters(false).Q);

    public PushSubscription For(string recipientId, Uri endpoint, string organizationId = "org-1") =>
        new(organizationId, recipientId, endpoint, Base64Url.EncodeToString(PublicKey), Base64Url.EncodeToString(_auth));

    public string Decrypt(byte[] body)
    {
        // Header: salt (16) | record size (4) | key id length (1) | key id (the sender's public key).
        var salt = body.AsSpan(0, 16).ToArray();
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var senderPublic = body.AsSpan(21, idLength).ToArray();
        var record = body.AsSpan(21 + idLength).ToArray();
        Assert.True(record.Length <= recordSize, "one record");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..65] },
        });
        var shared = _key.DeriveRawSecretAgreement(sender.PublicKey);
        var keyInfo = Concat(Encoding.ASCII.GetBytes("WebPush: info\0"), PublicKey, senderPublic);
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, _auth, keyInfo);
        var prk = HKDF.Extract(HashAlgorithmName.SHA256, ikm, salt);
        var cek = HKDF.Expand(HashAlgorithmName.SHA256, prk, 16, Encoding.ASCII.GetBytes("Content-Encoding: aes128gcm\0"));
        var nonce = HKDF.Expand(HashAlgorithmName.SHA256, prk, 12, Encoding.ASCII.GetBytes("Content-Encoding: nonce\0"));

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, record.AsSpan(0, plain.Length), record.AsSpan(plain.Length), plain);
        }

        // The last record ends with the delimiter 0x02, then zero padding.
        var end = plain.Length - 1;
        while (plain[end] == 0)
        {
            end--;
        }

        Assert.Equal(2, plain[end]);
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public void Dispose() => _key.Dispose();

    private static byte[] Point(ECPoint q) => Concat([0x04], q.X!, q.Y!);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
