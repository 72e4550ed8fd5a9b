using System.IO.Compression;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Fuzz;

/// <summary>
/// The whole scan engine on a file: memory-mapped, cut into 64-byte blocks (moved to the next newline) and read by two
/// workers whose parts are merged, against the same bytes gzipped, read as a stream in one block. Both must give the
/// same summary, line numbers of malformed lines and examples included. The format is given, not detected: a stream
/// detects it from its first complete lines only, a file from all its first bytes, so that a small file whose last line
/// has no newline may be detected differently as <c>app.log</c> and as <c>app.log.gz</c> (kept as a known difference:
/// benchmarks/README.md, "Fuzzing"). Bytes that are not text (compressed, binary) are two different inputs that way:
/// each is then only required to be reported, never read in silence.
/// </summary>
internal static class EngineTarget
{
    public static void Check(byte[] input, LogFormat format, string directory)
    {
        if (input.Length == 0)
        {
            return;
        }

        var plain = Path.Combine(directory, $"{Guid.NewGuid():n}.log");
        var gzipped = plain + ".gz";
        File.WriteAllBytes(plain, input);
        using (var file = File.Create(gzipped))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(input);
        }

        // Untimed entries take their file's modification time: both files are given the same.
        var written = File.GetLastWriteTimeUtc(plain);
        File.SetLastWriteTimeUtc(gzipped, written);

        try
        {
            var mappedSummary = Scan(plain, format, blockSize: 64, parallelism: 2);
            var streamedSummary = Scan(gzipped, format, blockSize: 0, parallelism: 1);
            if (!InputContent.Of(input).IsText)
            {
                // Bytes that are themselves compressed or binary: the plain file is read through its decompressor (and may
                // be corrupt: an error) while the gzipped copy holds compressed data (skipped: not text). The copy reads no
                // line and is reported once; the plain file reads its decompressed lines or is reported: never silence.
                var what = InputContent.Of(input).What;
                Invariant.Require(streamedSummary.Lines == 0 && streamedSummary.Errors.Count + streamedSummary.Skipped.Count == 1, $"gzipped {what} read as one stream: lines {streamedSummary.Lines}, errors {streamedSummary.Errors.Count}, skipped {streamedSummary.Skipped.Count}; expected no line and the input reported once");
                Invariant.Require(mappedSummary.Lines > 0 || mappedSummary.Errors.Count + mappedSummary.Skipped.Count > 0, $"{what} as a file: no line read and nothing reported");
                return;
            }

            var mapped = Describe(mappedSummary);
            var streamed = Describe(streamedSummary);
            Invariant.Require(mapped == streamed, $"the file in 64-byte blocks on two workers and the same bytes as one stream differ:\n  mapped: {mapped}\n  stream: {streamed}");
        }
        finally
        {
            File.Delete(plain);
            File.Delete(gzipped);
        }
    }

    private static LogScanSummary Scan(string path, LogFormat format, long blockSize, int parallelism)
    {
        var options = new LogScanOptions { Format = format, MaxLineLength = 256, MaxDegreeOfParallelism = parallelism, BlockSize = blockSize, MalformedLinesReported = 1000 };
        var scanner = new LogScanner(new LogParsing(options, TimeProvider.System));
        return scanner.ScanAsync(new LogScanRequest { Inputs = [path] }).GetAwaiter().GetResult();
    }

    private static string Describe(LogScanSummary s)
    {
        var text = new StringBuilder();
        text.Append($"lines {s.Lines} in scope {s.LinesInScope} selected {s.SelectedLines} malformed {s.MalformedLines} bytes {s.Bytes}; ");
        text.Append($"kinds {string.Join(',', s.Kinds.OrderBy(p => p.Key).Select(p => p.Value))} severities {string.Join(',', s.Severities.OrderBy(p => p.Key).Select(p => p.Value))}; ");
        text.Append($"levels {string.Join(',', s.Levels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}; ");
        text.Append($"formats {string.Join(',', s.Sources.Select(x => $"{x.Format}/{x.Lines}"))}; errors {s.Errors.Count}; ");
        foreach (var t in s.Templates)
        {
            text.Append($"template {t.TemplateId:x16} {t.Count} {t.Kind} {t.Severity} {t.FirstSeen:O} {t.LastSeen:O} @{t.Example.Position.Line} '{t.Example.Message}' [{string.Join(',', t.Terminals)}]; ");
        }

        foreach (var t in s.Terminals)
        {
            text.Append($"terminal '{t.Terminal}' {t.Organization} {t.Count} {t.LastSeen:O}; ");
        }

        foreach (var m in s.FirstMalformed)
        {
            text.Append($"malformed @{m.Position.Line} {m.Reason}; ");
        }

        return text.ToString();
    }
}
