namespace PosFleet.Logs.Scanning;

/// <summary>Checks <see cref="LogScanOptions"/> before any file is read, naming the option and the fix.</summary>
internal static class LogScanOptionsValidator
{
    public static IReadOnlyList<string> Validate(LogScanOptions options)
    {
        var errors = new List<string>();
        if (options.MaxLineLength is < 256 or > 64 * 1024 * 1024)
        {
            errors.Add($"LogScanOptions.MaxLineLength is {options.MaxLineLength}: use a length between 256 bytes and 64 MiB (the default is 65536).");
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            errors.Add($"LogScanOptions.MaxDegreeOfParallelism is {options.MaxDegreeOfParallelism}: use 1 or more (the default is the number of cores).");
        }

        if (options.Formats.Count == 0 && options.Format is null)
        {
            errors.Add("LogScanOptions.Formats is empty and no Format is set: keep at least one format to detect, or set Format.");
        }

        if (string.IsNullOrWhiteSpace(options.DirectoryGlob))
        {
            errors.Add("LogScanOptions.DirectoryGlob is empty: use a file-name pattern such as '*.log*'.");
        }

        if (options.MalformedLinesReported < 0)
        {
            errors.Add($"LogScanOptions.MalformedLinesReported is {options.MalformedLinesReported}: use 0 or more.");
        }

        if (options.ReferenceKeys.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("LogScanOptions.ReferenceKeys holds an empty key: remove it.");
        }

        return errors;
    }

    public static void ThrowIfInvalid(LogScanOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new LogScanOptionsException(string.Join(Environment.NewLine, errors));
        }
    }
}
