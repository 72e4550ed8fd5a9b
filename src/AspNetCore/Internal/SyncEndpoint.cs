using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.AspNetCore.Internal;

/// <summary>
/// The sync endpoint: authenticates the credential before reading the body (a stranger cannot make the back office
/// decompress anything), reads the body within its limit, hands the request to <see cref="ISyncExchangeHandler"/> and
/// maps its status to HTTP. Logs terminal ids and statuses, never the credential.
/// </summary>
internal sealed partial class SyncEndpoint(
    ISyncExchangeHandler handler,
    ITerminalRegistry registry,
    IOptions<SyncEndpointOptions> options,
    ILogger<SyncEndpoint> logger)
{
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var credential = TerminalAuthorization.Read(context.Request.Headers.Authorization);
        if (credential is null || await registry.AuthenticateAsync(credential, cancellationToken).ConfigureAwait(false) is null)
        {
            Log.Unauthorized(logger, context.Connection.RemoteIpAddress?.ToString(), credential is null);
            await SyncProblem.UnauthorizedAsync(context, credential is null).ConfigureAwait(false);
            return;
        }

        if (!IsWireFormat(context.Request))
        {
            await SyncProblem.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported sync body",
                $"A sync request is gzip-compressed JSON: Content-Type {SyncProtocol.MediaType} and Content-Encoding {SyncProtocol.ContentEncoding}.").ConfigureAwait(false);
            return;
        }

        using var body = await ReadBodyAsync(context, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            Log.TooLarge(logger, context.Request.ContentLength, _maxBodyBytes);
            await SyncProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Sync body too large",
                $"A sync request body may have at most {_maxBodyBytes} bytes on the wire; send smaller outbox batches.").ConfigureAwait(false);
            return;
        }

        SyncRequest request;
        try
        {
            request = await SyncWireFormat.ReadRequestAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            Log.Malformed(logger, ex.Message);
            await SyncProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed sync request", ex.Message).ConfigureAwait(false);
            return;
        }

        var result = await handler.HandleAsync(credential, request, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case SyncExchangeStatus.Ok when result.Response is not null:
                await WriteResponseAsync(context, result.Response, cancellationToken).ConfigureAwait(false);
                break;
            case SyncExchangeStatus.Unauthorized:
                await SyncProblem.UnauthorizedAsync(context, missing: false).ConfigureAwait(false);
                break;
            case SyncExchangeStatus.Forbidden:
                await SyncProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Credential of another terminal", result.Error).ConfigureAwait(false);
                break;
            default:
                await SyncProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Sync request refused", result.Error).ConfigureAwait(false);
                break;
        }
    }

    private static bool IsWireFormat(HttpRequest request) =>
        request.ContentType is { } type
        && type.Split(';')[0].Trim().Equals(SyncProtocol.MediaType, StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Headers.ContentEncoding.ToString().Trim(), SyncProtocol.ContentEncoding, StringComparison.OrdinalIgnoreCase);

    private static async Task WriteResponseAsync(HttpContext context, SyncResponse response, CancellationToken cancellationToken)
    {
        var bytes = SyncWireFormat.EncodeResponse(response);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = SyncProtocol.MediaType;
        context.Response.Headers.ContentEncoding = SyncProtocol.ContentEncoding;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body, read whole within the limit; <see langword="null"/> when it is larger.</summary>
    private async Task<MemoryStream?> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var declared = context.Request.ContentLength;
        if (declared > _maxBodyBytes)
        {
            return null;
        }

        // Kestrel then stops a body sent without a length at the limit, before it is buffered.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = _maxBodyBytes;
        }

        var buffer = new MemoryStream(declared is > 0 ? (int)declared.Value : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _maxBodyBytes)
                {
                    await buffer.DisposeAsync().ConfigureAwait(false);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await buffer.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        buffer.Position = 0;
        return buffer;
    }
}
