namespace PosFleet.Connectors.Email.Internal;

internal sealed partial class SmtpNotifier
{
    /// <summary>
    /// Connects and logs in as a send would (the same refusals: no password in clear text, STARTTLS required), then
    /// quits without sending: what a health check asks of the server.
    /// </summary>
    /// <returns>Whether the connection is encrypted.</returns>
    internal async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var transport = _transports.Create();
        await using (transport.ConfigureAwait(false))
        {
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connecting.CancelAfter(_options.ConnectTimeout);
                try
                {
                    await ConnectAsync(transport, connecting.Token).ConfigureAwait(false);
                    if (!string.IsNullOrEmpty(_options.UserName))
                    {
                        await AuthenticateAsync(transport, _options.UserName, connecting.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"Connecting to {_options.Host}:{_options.Port} took longer than {_options.ConnectTimeout.TotalSeconds:0.#} s.");
                }
            }

            var secure = transport.IsSecure;
            await transport.DisconnectAsync(cancellationToken).ConfigureAwait(false);
            return secure;
        }
    }

    /// <summary>The server as the options name it, for messages: never the user name or the password.</summary>
    internal string Endpoint => $"{_options.Host}:{_options.Port}";
}
