using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PosFleet.Actions.BuiltIn;

/// <summary>
/// Packs log lines of a period into a gzip archive no larger than a maximum. The lines are read in file order (files
/// oldest first), a line without a leading timestamp going with the line before it; card numbers are masked
/// (<see cref="PanMasker"/>) as each line is read, so no PAN is ever written. The masked lines go to a work file in
/// blocks; the blocks are then compressed newest first, each as a gzip member of its own, until the next would pass
/// the maximum; the archive is a first member saying what it holds and whether it cut, then the kept members oldest
/// first — one stream that <c>gzip -d</c> reads whole.
/// </summary>
internal static class LogArchiveWriter
{
    private const int HeaderReserve = 1024;

    public static async Task<LogArchiveResult> WriteAsync(IEnumerable<string> paths, DateTimeOffset from, DateTimeOffset to, long maxBytes, string archivePath, CancellationToken cancellationToken)
    {
        var budget = maxBytes - HeaderReserve;
        var blockSize = (int)Math.Clamp(budget / 4, 1024, 1024 * 1024);
        var work = archivePath + ".lines";
        var blocks = new List<(long Offset, int Length, long Lines)>();
        long lines = 0, pans = 0;
        var output = new FileStream(work, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        await using (output.ConfigureAwait(false))
        {
            (lines, pans) = await CollectAsync(paths, from, to, output, blockSize, blocks, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        var kept = new List<byte[]>();
        long keptBytes = 0, keptLines = 0;
        var input = new FileStream(work, FileMode.Open, FileAccess.Read, FileShare.None, 1 << 16);
        await using (input.ConfigureAwait(false))
        {
            var buffer = new byte[blockSize + (1 << 16)];
            for (var b = blocks.Count - 1; b >= 0; b--)
            {
                var (offset, length, count) = blocks[b];
                if (buffer.Length < length)
                {
                    buffer = new byte[length];
                }

                input.Position = offset;
                await input.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                var member = Compress(buffer.AsSpan(0, length));
                if (keptBytes + member.Length > budget)
                {
                    break;
                }

                kept.Add(member);
                keptBytes += member.Length;
                keptLines += count;
            }
        }

        File.Delete(work);
        var header = Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"# posfleet retrieve-logs: {lines} line(s) from {from:O} to {to:O}, card numbers masked ({pans}); ")
            + (keptLines < lines
                ? string.Create(CultureInfo.InvariantCulture, $"cut to stay within {maxBytes} bytes: the newest {keptLines} line(s) kept, the {lines - keptLines} older ones left out.\n")
                : "complete.\n"));
        var archive = new FileStream(archivePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        await using (archive.ConfigureAwait(false))
        {
            await archive.WriteAsync(Compress(header), cancellationToken).ConfigureAwait(false);
            for (var k = kept.Count - 1; k >= 0; k--)
            {
                await archive.WriteAsync(kept[k], cancellationToken).ConfigureAwait(false);
            }
        }

        return new LogArchiveResult(lines, keptLines, pans, new FileInfo(archivePath).Length);
    }

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }

    private static async Task<(long Lines, long Pans)> CollectAsync(IEnumerable<string> paths, DateTimeOffset from, DateTimeOffset to, FileStream output, int blockSize, List<(long, int, long)> blocks, CancellationToken cancellationToken)
    {
        long lines = 0, pans = 0, blockStart = 0, blockLines = 0;
        var encoder = new UTF8Encoding(false);
        var bytes = new byte[4096];
        char[] chars = new char[1024];
        foreach (var file in Files(paths))
        {
            using var reader = Open(file);
            var inPeriod = false;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (LogLineTime.TryRead(line, out var at))
                {
                    inPeriod = at >= from && at < to;
                }

                if (!inPeriod)
                {
                    continue;
                }

                if (chars.Length < line.Length + 1)
                {
                    chars = new char[line.Length * 2 + 1];
                }

                line.CopyTo(chars);
                pans += PanMasker.Mask(chars.AsSpan(0, line.Length));
                chars[line.Length] = '\n';
                var count = encoder.GetMaxByteCount(line.Length + 1);
                if (bytes.Length < count)
                {
                    bytes = new byte[count];
                }

                var written = encoder.GetBytes(chars, 0, line.Length + 1, bytes, 0);
                if (output.Position - blockStart + written > blockSize && output.Position > blockStart)
                {
                    blocks.Add((blockStart, (int)(output.Position - blockStart), blockLines));
                    blockStart = output.Position;
                    blockLines = 0;
                }

                await output.WriteAsync(bytes.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                lines++;
                blockLines++;
            }
        }

        if (output.Position > blockStart)
        {
            blocks.Add((blockStart, (int)(output.Position - blockStart), blockLines));
        }

        return (lines, pans);
    }

    /// <summary>The files of the paths (a folder's files, not its subfolders), oldest written first.</summary>
    private static IEnumerable<FileInfo> Files(IEnumerable<string> paths) => paths
        .SelectMany(p => Directory.Exists(p) ? new DirectoryInfo(p).EnumerateFiles() : File.Exists(p) ? [new FileInfo(p)] : [])
        .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.FullName, StringComparer.Ordinal);

    private static StreamReader Open(FileInfo file)
    {
        Stream stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        if (file.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }
}
