using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace PosFleet.Connectors.Email.Internal;

/// <summary>The SMTP transport over MailKit, asynchronous calls only.</summary>
internal sealed class MailKitSmtpTransport : ISmtpTransport
{
    private readonly RecipientTrackingSmtpClient _client = new();

    public bool IsSecure => _client.IsSecure;

    public bool SupportsSmtpUtf8 => _client.Capabilities.HasFlag(SmtpCapabilities.UTF8);

    public async Task ConnectAsync(SmtpNotifierOptions options, CancellationToken cancellationToken)
    {
        _client.Timeout = (int)Math.Min(int.MaxValue, options.CommandTimeout.TotalMilliseconds);
        _client.CheckCertificateRevocation = options.CheckCertificateRevocation;
        if (options.ServerCertificateValidation is { } validate)
        {
            _client.ServerCertificateValidationCallback = validate;
        }

        var security = options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };

        // Our own socket, to turn Nagle's algorithm off: with it on, the end of DATA waits for the server's delayed
        // ACK (~40 ms a message).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, cancellationToken).ConfigureAwait(false);
            await _client.ConnectAsync(socket, options.Host, options.Port, security, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public Task AuthenticateAsync(string userName, string password, CancellationToken cancellationToken) =>
        _client.AuthenticateAsync(userName, password, cancellationToken);

    public async Task<IReadOnlyList<SmtpRejection>> SendAsync(MimeMessage message, MailboxAddress sender, IReadOnlyList<MailboxAddress> recipients, CancellationToken cancellationToken)
    {
        _client.Rejections.Clear();
        try
        {
            await _client.SendAsync(FormatOptions.Default, message, sender, recipients, cancellationToken).ConfigureAwait(false);
        }
        catch (NoRecipientAcceptedException)
        {
            // Every recipient was refused at RCPT TO: nothing was sent, and each refusal is reported below.
        }

        return [.. _client.Rejections];
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reports refused recipients instead of throwing at the first, so one bad address does not block the others.</summary>
    private sealed class RecipientTrackingSmtpClient : SmtpClient
    {
        public List<SmtpRejection> Rejections { get; } = [];

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Rejections.Add(new SmtpRejection(mailbox, (int)response.StatusCode, response.Response));

        protected override void OnNoRecipientsAccepted(MimeMessage message) => throw new NoRecipientAcceptedException();
    }

    private sealed class NoRecipientAcceptedException : Exception
    {
        public NoRecipientAcceptedException()
            : base("The server accepted none of the recipients.")
        {
        }
    }
}
