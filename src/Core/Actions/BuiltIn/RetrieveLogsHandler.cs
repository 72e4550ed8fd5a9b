using System.Globalization;
using Microsoft.Extensions.Options;
using PosFleet.Actions.Terminal;

namespace PosFleet.Actions.BuiltIn;

/// <summary>
/// <see cref="RemoteActionNames.RetrieveLogs"/>: reads the parameters, packs the period's lines of the configured log
/// files into an archive within the maximum (<see cref="LogArchiveWriter"/>), and hands it to the engine to upload.
/// </summary>
internal sealed class RetrieveLogsHandler(IOptions<RemoteActionAgentOptions> options, TimeProvider time) : IRemoteActionHandler
{
    /// <summary>The maximum when the request names none (seed 004's 10 MB).</summary>
    public const long DefaultMaxBytes = 10_000_000;

    private readonly RemoteActionAgentOptions _options = options.Value;

    public async ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.LogPaths.Count == 0)
        {
            return RemoteActionOutcome.Rejected("This terminal names no log files (RemoteActionAgentOptions.LogPaths): there is nothing to retrieve.");
        }

        var now = time.GetUtcNow();
        if (!TryInstant(context, "to", now, out var to) || !TryInstant(context, "from", to - TimeSpan.FromDays(1), out var from))
        {
            return RemoteActionOutcome.Rejected("The parameters 'from' and 'to' must be ISO 8601 instants, such as 2026-11-30T08:00:00Z.");
        }

        if (from >= to)
        {
            return RemoteActionOutcome.Rejected($"The period is empty: 'from' ({from:O}) must come before 'to' ({to:O}).");
        }

        var max = DefaultMaxBytes;
        if (context.Parameters.TryGetValue("max-bytes", out var text) && (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 4096))
        {
            return RemoteActionOutcome.Rejected($"The parameter 'max-bytes' must be a number of bytes of at least 4096 (it is '{text}').");
        }

        max = Math.Min(max, _options.MaxLogArchiveBytes);
        var archive = Path.Combine(context.WorkDirectory, "logs.gz");
        var result = await LogArchiveWriter.WriteAsync(_options.LogPaths, from, to, max, archive, cancellationToken).ConfigureAwait(false);
        return new RemoteActionOutcome { State = RemoteActionState.Succeeded, Detail = result.Describe(from, to, max), UploadPath = archive };
    }

    private static bool TryInstant(RemoteActionContext context, string name, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (!context.Parameters.TryGetValue(name, out var text))
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
