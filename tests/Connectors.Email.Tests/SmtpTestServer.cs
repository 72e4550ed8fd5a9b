using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MimeKit;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>
/// The real SMTP server of smtp_server.py (aiosmtpd) on 127.0.0.1 and a free port, with the faults a test asks for.
/// Disposing it closes its standard input, which ends it; it is killed if it does not end.
/// </summary>
internal sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Process _process;

    private SmtpTestServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void WriteFaults(string directory, object faults)
    {
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "faults.json"), JsonSerializer.Serialize(faults));
    }

    public static async Task<SmtpTestServer> StartAsync(string directory, int? port = null, bool tls = false, string? auth = null, object? faults = null, bool smtpUtf8 = false)
    {
        if (faults is not null)
        {
            WriteFaults(directory, faults);
        }

        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(AppContext.BaseDirectory, "smtp_server.py");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var chosen = port ?? FreePort();
        foreach (var a in new[] { script, "--port", chosen.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", directory })
        {
            start.ArgumentList.Add(a);
        }

        if (tls)
        {
            var (cert, key) = WriteSelfSignedCertificate(directory);
            foreach (var a in new[] { "--tls", "--require-tls", "--cert", cert, "--key", key })
            {
                start.ArgumentList.Add(a);
            }
        }

        if (smtpUtf8)
        {
            start.ArgumentList.Add("--smtputf8");
        }

        if (auth is not null)
        {
            start.ArgumentList.Add("--auth");
            start.ArgumentList.Add(auth);
        }

        var process = Process.Start(start)!;
        var server = new SmtpTestServer(process, chosen, directory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line != $"READY {chosen}")
            {
                var error = await process.StandardError.ReadToEndAsync(timeout.Token);
                throw new InvalidOperationException(
                    $"The test SMTP server did not start (is python3-aiosmtpd installed? `apt-get install -y python3-aiosmtpd`): {line} {error}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A self-signed certificate for CN=localhost and 127.0.0.1, as PEM files the server reads.</summary>
    private static (string Cert, string Key) WriteSelfSignedCertificate(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var cert = Path.Combine(directory, "server.crt");
        var key = Path.Combine(directory, "server.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    /// <summary>The messages the server accepted, in order, with their envelope recipients.</summary>
    public IReadOnlyList<ReceivedMessage> Messages() =>
    [
        .. System.IO.Directory.GetFiles(Directory, "*.json")
            .Where(f => Path.GetFileName(f) != "faults.json")
            .Order(StringComparer.Ordinal)
            .Select(f =>
            {
                using var meta = JsonDocument.Parse(File.ReadAllText(f));
                var root = meta.RootElement;
                return new ReceivedMessage(
                    [.. root.GetProperty("rcpt_tos").EnumerateArray().Select(e => e.GetString()!)],
                    root.GetProperty("tls").GetBoolean(),
                    root.GetProperty("auth").GetBoolean(),
                    MimeMessage.Load(Path.ChangeExtension(f, ".eml")));
            }),
    ];

    /// <summary>The faults that fired, one per line.</summary>
    public IReadOnlyList<string> Events()
    {
        var path = Path.Combine(Directory, "events.log");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }
}

internal sealed record ReceivedMessage(IReadOnlyList<string> Recipients, bool Tls, bool Authenticated, MimeMessage Message);
