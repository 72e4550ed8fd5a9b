namespace PosFleet.Logs.Scanning;

/// <summary>
/// A forward-only read of bytes already taken from a stream (its head, from <c>start</c> on) followed by the rest of that
/// stream: what lets an input be told by its first bytes and still be read from its first byte, standard input included.
/// Over a decompressor (<c>decompressing</c> names its format), corrupt data fails as <see cref="InvalidDataException"/>
/// whichever library found it.
/// </summary>
internal sealed class HeadStream(byte[] head, int start, Stream inner, string? decompressing = null) : Stream
{
    private int _position = start;
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>The bytes read so far (SharpCompress's xz reader asks); never set.</summary>
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - _position);
            head.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            _read += n;
            return n;
        }

        try
        {
            var read = inner.Read(buffer);
            _read += read;
            return read;
        }
        catch (Exception ex) when (decompressing is not null && IsCorruptData(ex))
        {
            throw Corrupt(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position < head.Length)
        {
            var n = Math.Min(buffer.Length, head.Length - _position);
            head.AsSpan(_position, n).CopyTo(buffer.Span);
            _position += n;
            _read += n;
            return ValueTask.FromResult(n);
        }

        return ReadInnerAsync(buffer, cancellationToken);
    }

    private async ValueTask<int> ReadInnerAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _read += read;
            return read;
        }
        catch (Exception ex) when (decompressing is not null && IsCorruptData(ex))
        {
            throw Corrupt(ex);
        }
    }

    /// <summary>
    /// What decompressors throw on data they cannot decode: SharpCompress its own exceptions (and, on some truncations,
    /// index or argument errors from its tables), System.IO.Compression <see cref="InvalidDataException"/>.
    /// </summary>
    public static bool IsCorruptData(Exception ex) =>
        ex is SharpCompress.Common.SharpCompressException or InvalidDataException or EndOfStreamException or IndexOutOfRangeException or ArgumentException
            or InvalidOperationException or NotSupportedException;

    private InvalidDataException Corrupt(Exception ex) => Corrupt(decompressing, ex);

    public static InvalidDataException Corrupt(string? what, Exception ex) =>
        new($"its {what} data is corrupt or cut short ({ex.Message})", ex);

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
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
