using PosFleet.Updates;

namespace PosFleet.Connectors.Http.Internal;

/// <summary>Downloads a package over HTTP as a stream (never buffered whole); <c>file:</c> locations are opened from disk.</summary>
internal sealed class HttpPackageFetcher(IHttpClientFactory clients) : IPackageFetcher
{
    public async ValueTask<Stream> OpenAsync(PackageOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var location = offer.Location;
        if (location.IsFile)
        {
            return new FileStream(location.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }

        if (location.Scheme != Uri.UriSchemeHttps && location.Scheme != Uri.UriSchemeHttp)
        {
            throw new NotSupportedException($"'{location.Scheme}:' locations cannot be fetched; publish the package at an https: or file: location.");
        }

        var client = clients.CreateClient(HttpPackageFetcherExtensions.HttpClientName);
        var response = await client.GetAsync(location, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                // The address as shown, not whole: the message ends in the terminal's report and log, and a signed URL's token must not.
                throw new HttpRequestException($"{DisplayText.Address(location)} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            return new ResponseStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The body's stream, disposing its response with it.</summary>
    private sealed class ResponseStream(Stream inner, HttpResponseMessage response) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                response.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
