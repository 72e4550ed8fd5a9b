using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace PosFleet.Sync.Changes;

/// <summary>
/// Change batches in a file, for a till with no network at all (carried on a USB key): one gzip-compressed file of JSON
/// lines, one <see cref="ChangeBatch"/> a line, in order. Importing it is as safe as importing over the exchange: each
/// batch commits with its checkpoint, batches already imported are skipped, and an import stopped half-way resumes.
/// Files are signed by the back office (ECDSA P-256, <see cref="ChangeFileOptions"/>) and the whole file is checked
/// against the terminal's copy of its public key before any batch is imported.
/// </summary>
public static class ChangeBatchFile
{
    /// <summary>
    /// Writes every change of <paramref name="organization"/> after <paramref name="checkpoint"/> to
    /// <paramref name="path"/>. The file appears complete or not at all: it is written beside and moved into place.
    /// </summary>
    /// <param name="exporter">The back office's exporter.</param>
    /// <param name="path">The file to write (replaced when it exists).</param>
    /// <param name="organization">The organization.</param>
    /// <param name="terminalId">The terminal the file is for (rows of other terminals come as removals), or <see langword="null"/> for every row.</param>
    /// <param name="checkpoint">The terminal's checkpoint (0 for everything).</param>
    /// <param name="options">The signing key (<see cref="ChangeFileOptions.SigningKey"/> or its file); without one the file is written unsigned.</param>
    /// <param name="cancellationToken">Cancels the export; the file is not written.</param>
    /// <returns>The batches and rows written, and the checkpoint reached.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The signing key cannot be read or is not an ECDSA P-256 private key; nothing was written.</exception>
    public static async Task<ChangeFileSummary> ExportAsync(
        IChangeExporter exporter, string path, string organization, string? terminalId, long checkpoint, ChangeFileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        ArgumentNullException.ThrowIfNull(options);
        using var key = ChangeFileSignature.LoadSigningKey(options);
        var partial = path + ".partial";
        int batches = 0;
        long rows = 0;
        var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 65536, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            if (key is not null)
            {
                await file.WriteAsync(new byte[ChangeFileSignature.HeaderLength], cancellationToken).ConfigureAwait(false); // filled in once the body is written
            }

            var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                while (true)
                {
                    var batch = await exporter.ExportAsync(organization, terminalId, checkpoint, cancellationToken).ConfigureAwait(false);
                    if (batch.Changes.Count > 0 || batches == 0)
                    {
                        await JsonSerializer.SerializeAsync(gzip, batch, ChangeBatchJsonContext.Default.ChangeBatch, cancellationToken).ConfigureAwait(false);
                        gzip.WriteByte((byte)'\n');
                        batches++;
                        rows += batch.Changes.Count;
                    }

                    checkpoint = batch.Checkpoint;
                    if (!batch.HasMore)
                    {
                        break;
                    }
                }
            }

            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        if (key is not null)
        {
            await ChangeFileSignature.SignAsync(partial, key, cancellationToken).ConfigureAwait(false);
        }

        File.Move(partial, path, overwrite: true);
        return new(batches, rows, checkpoint);
    }

    /// <summary>Imports the batches of the file at <paramref name="path"/>, in order, skipping those imported already.</summary>
    /// <param name="importer">The terminal's importer.</param>
    /// <param name="path">The file written by <see cref="ExportAsync"/>.</param>
    /// <param name="options">The back office's public key (<see cref="ChangeFileOptions.VerificationKey"/> or its file), and whether unsigned files are allowed.</param>
    /// <param name="cancellationToken">Cancels the import after the batch being imported (which is kept or not, whole).</param>
    /// <returns>The batches and rows read, and the terminal's checkpoint after the import.</returns>
    /// <exception cref="ChangeFileSignatureException">The file was changed after it was signed, is signed by another key, or is not signed (and unsigned files are not allowed); nothing was imported.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The verification key cannot be read or is not an ECDSA P-256 public key; nothing was imported.</exception>
    /// <exception cref="InvalidDataException">The file is not a change batch file, or is cut short.</exception>
    /// <exception cref="InvalidOperationException">The file starts from a checkpoint older than the changes the back office keeps (the terminal then needs a file exported from checkpoint 0), or does not follow the terminal's checkpoint.</exception>
    public static async Task<ChangeFileSummary> ImportAsync(IChangeImporter importer, string path, ChangeFileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        long body;
        using (var key = ChangeFileSignature.LoadVerificationKey(options))
        {
            body = await ChangeFileSignature.VerifyAsync(path, options, key, cancellationToken).ConfigureAwait(false);
        }

        int batches = 0;
        long rows = 0, checkpoint = 0;
        ChangeBatch? last = null;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            file.Position = body;
            var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            string? line;
            while ((line = await ReadLineAsync(reader, path, batches, cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                ChangeBatch? batch;
                try
                {
                    batch = JsonSerializer.Deserialize(line, ChangeBatchJsonContext.Default.ChangeBatch);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"Line {batches + 1} of '{path}' is not a change batch ({ex.Message}): export the file again.", ex);
                }

                if (batch is null)
                {
                    throw new InvalidDataException($"Line {batches + 1} of '{path}' is not a change batch: export the file again.");
                }

                last = batch;
                var result = await importer.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
                if (result.CheckpointReset)
                {
                    throw new InvalidOperationException(
                        $"'{path}' was exported from checkpoint {batch.FromCheckpoint}, older than the changes the back office still keeps: this terminal's checkpoint is now 0; export the file again from checkpoint 0 (a full re-initialisation, which also removes the rows deleted meanwhile).");
                }

                checkpoint = result.Checkpoint;
                batches++;
                rows += batch.Changes.Count;
            }
        }

        // The last batch of a complete file says nothing more follows; a file cut at a line's end would not.
        if (last is null || last.HasMore)
        {
            throw new InvalidDataException($"'{path}' is not a complete change batch file (it stops after {batches} batches; the batches read were imported): copy or export it again.");
        }

        return new(batches, rows, checkpoint);
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, string path, int batches, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}' is not a complete change batch file (after {batches} batches: {ex.Message}): copy or export it again.", ex);
        }
    }
}
