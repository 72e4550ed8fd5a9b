using System.IO.Compression;
using System.Text;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;
using SharpCompress.Compressors.ZStandard;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Opens the text of an input read as a stream (standard input, a compressed file, UTF-16 text): tells what it holds
/// from its first bytes, decompresses gzip (System.IO.Compression), xz, bzip2 and zstd (SharpCompress), skips a byte-order
/// mark, and transcodes UTF-16 to UTF-8; or says why it is not read.
/// </summary>
internal static class TextInput
{
    /// <summary>The text of <paramref name="raw"/> (which it then owns), or <see langword="null"/> and why it is not read.</summary>
    public static async Task<(Stream? Text, string? NotRead)> OpenAsync(Stream raw, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(raw, cancellationToken).ConfigureAwait(false);
        var content = InputContent.Of(head);
        var source = raw;
        string? compressed = null;
        if (content.IsCompressed)
        {
            compressed = content.What;
            try
            {
                source = new HeadStream([], 0, Decompress(content.Kind, new HeadStream(head, 0, raw)), compressed);
            }
            catch (Exception ex) when (HeadStream.IsCorruptData(ex))
            {
                throw HeadStream.Corrupt(compressed, ex);
            }

            head = await ReadHeadAsync(source, cancellationToken).ConfigureAwait(false);
            content = InputContent.Of(head);
        }

        if (!content.IsText)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            var what = content.IsCompressed ? content.What + " data" : content.What;
            return (null, compressed is null ? $"{what}, not text" : $"{compressed}, holding {what}, not text");
        }

        var text = new HeadStream(head, content.Preamble, source);
        return content.Kind switch
        {
            InputContentKind.Utf16LittleEndian => (Encoding.CreateTranscodingStream(text, Encoding.Unicode, Encoding.UTF8), null),
            InputContentKind.Utf16BigEndian => (Encoding.CreateTranscodingStream(text, Encoding.BigEndianUnicode, Encoding.UTF8), null),
            _ => (text, null),
        };
    }

    /// <summary>
    /// What the first <see cref="InputContent.HeadBytes"/> bytes of an open regular file say it holds (read at offset 0,
    /// whatever the file's position). Synchronous: the scan calls it on the worker that then maps the file (an asynchronous
    /// read of a file opened for synchronous reads is handed to the thread pool all the same, and compiles the generic code
    /// of its awaits on every run of the JIT build).
    /// </summary>
    public static InputContent Of(FileStream file)
    {
        var head = new byte[InputContent.HeadBytes];
        var filled = 0;
        int read;
        while (filled < head.Length && (read = RandomAccess.Read(file.SafeFileHandle, head.AsSpan(filled), filled)) > 0)
        {
            filled += read;
        }

        return InputContent.Of(head.AsSpan(0, filled));
    }

    private static Stream Decompress(InputContentKind kind, Stream compressed) => kind switch
    {
        InputContentKind.Gzip => new GZipStream(compressed, CompressionMode.Decompress),
        InputContentKind.Xz => new XZStream(compressed),
        InputContentKind.Zstd => new DecompressionStream(compressed),
        _ => BZip2Stream.Create(compressed, SharpCompress.Compressors.CompressionMode.Decompress, decompressConcatenated: true),
    };

    /// <summary>Reads up to <see cref="InputContent.HeadBytes"/> bytes, fewer only at the end of the input.</summary>
    private static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[InputContent.HeadBytes];
        var filled = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return filled == head.Length ? head : head[..filled];
    }
}
