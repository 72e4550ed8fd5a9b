namespace PosFleet.Logs.Ingest;

/// <summary>
/// Reads log files into the <see cref="Storage.ILogStore"/>, incrementally: each file from the checkpoint the store holds
/// for it, the checkpoint written in the same transaction as the entries it covers, so that an interrupted ingest loses
/// and duplicates nothing. Registered by <c>AddPosFleet</c>; its default options are <c>services.Configure&lt;LogIngestOptions&gt;(…)</c> or
/// a request's own <see cref="LogIngestRequest.Options"/>. The hosted service of <c>AddLogIngest</c> runs it without a
/// caller, with options of its own.
/// </summary>
public interface ILogIngester
{
    /// <summary>
    /// Ingests what is new in the request's paths (files, or directories read recursively). With
    /// <see cref="LogIngestOptions.Follow"/>, keeps going until <paramref name="cancellationToken"/> is canceled.
    /// Cancellation stops the reading; everything read until then is stored before this returns.
    /// </summary>
    /// <param name="request">The paths, and the options when not those configured.</param>
    /// <param name="cancellationToken">Stops the ingest.</param>
    /// <returns>What was read and stored.</returns>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">An option is out of range; the message names it and what to use.</exception>
    Task<LogIngestSummary> IngestAsync(LogIngestRequest request, CancellationToken cancellationToken = default);
}
