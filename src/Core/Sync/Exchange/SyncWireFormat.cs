using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PosFleet.Sync.Exchange;

/// <summary>
/// The bytes of the exchange on the wire, the same for every transport: JSON (<see cref="SyncProtocol.MediaType"/>)
/// compressed with gzip (<see cref="SyncProtocol.ContentEncoding"/>). Reading stops at <see cref="MaxDecodedBytes"/>
/// so that a small compressed body cannot expand without bound.
/// </summary>
public static class SyncWireFormat
{
    /// <summary>The most bytes a body may expand to once decompressed: 64 MiB.</summary>
    public const long MaxDecodedBytes = 64L * 1024 * 1024;

    /// <summary>Writes a request, gzip-compressed, to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task.</returns>
    public static Task WriteRequestAsync(Stream destination, SyncRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, request, SyncJsonContext.Default.SyncRequest, cancellationToken);

    /// <summary>Writes a response, gzip-compressed, to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task.</returns>
    public static Task WriteResponseAsync(Stream destination, SyncResponse response, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, response, SyncJsonContext.Default.SyncResponse, cancellationToken);

    /// <summary>Reads a gzip-compressed request from <paramref name="source"/>.</summary>
    /// <param name="source">The body.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The request.</returns>
    /// <exception cref="InvalidDataException">The body is not gzip, not a request, or expands beyond <see cref="MaxDecodedBytes"/>.</exception>
    public static Task<SyncRequest> ReadRequestAsync(Stream source, CancellationToken cancellationToken = default) =>
        ReadAsync(source, SyncJsonContext.Default.SyncRequest, cancellationToken);

    /// <summary>Reads a gzip-compressed response from <paramref name="source"/>.</summary>
    /// <param name="source">The body.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The response.</returns>
    /// <exception cref="InvalidDataException">The body is not gzip, not a response, or expands beyond <see cref="MaxDecodedBytes"/>.</exception>
    public static Task<SyncResponse> ReadResponseAsync(Stream source, CancellationToken cancellationToken = default) =>
        ReadAsync(source, SyncJsonContext.Default.SyncResponse, cancellationToken);

    /// <summary>The request as it goes on the wire (gzip-compressed JSON).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The bytes.</returns>
    public static byte[] EncodeRequest(SyncRequest request) => Encode(request, SyncJsonContext.Default.SyncRequest);

    /// <summary>The response as it goes on the wire (gzip-compressed JSON).</summary>
    /// <param name="response">The response.</param>
    /// <returns>The bytes.</returns>
    public static byte[] EncodeResponse(SyncResponse response) => Encode(response, SyncJsonContext.Default.SyncResponse);

    private static byte[] Encode<T>(T value, JsonTypeInfo<T> type)
    {
        ArgumentNullException.ThrowIfNull(value);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, type);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync<T>(Stream destination, T value, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(value);
        var gzip = new GZipStream(destination, CompressionLevel.Fastest, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(gzip, value, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(Stream source, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var gzip = new GZipStream(source, CompressionMode.Decompress, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var bounded = new BoundedReadStream(gzip, MaxDecodedBytes);
            await using (bounded.ConfigureAwait(false))
            {
                try
                {
                    return await JsonSerializer.DeserializeAsync(bounded, type, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidDataException($"The sync body is JSON null, not a {typeof(T).Name}.");
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"The sync body is not a valid {typeof(T).Name}: {ex.Message}", ex);
                }
            }
        }
    }
}
