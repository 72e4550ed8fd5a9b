using Microsoft.Extensions.Options;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Checks <see cref="LogScanOptions"/> before any file is read, the classification rules (and their file) included:
/// each error names the option, its value and the fix.
/// </summary>
internal sealed class LogScanOptionsValidator : IValidateOptions<LogScanOptions>
{
    public static LogScanOptionsValidator Instance { get; } = new();

    public ValidateOptionsResult Validate(string? name, LogScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

        if (options.MaxTerminals is < 1 or > 1_000_000)
        {
            errors.Add($"LogScanOptions.MaxTerminals is {options.MaxTerminals}: use 1 to 1,000,000.");
        }

        if (options.TerminalsPerTemplate is < 0 or > 10_000)
        {
            errors.Add($"LogScanOptions.TerminalsPerTemplate is {options.TerminalsPerTemplate}: use 0 to 10,000.");
        }

        if (options.ReferenceKeys.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("LogScanOptions.ReferenceKeys holds an empty key: remove it.");
        }

        if (options.Classification.PatternTimeout <= TimeSpan.Zero && options.Classification.PatternTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            errors.Add($"LogScanOptions.Classification.PatternTimeout is {options.Classification.PatternTimeout}: use a time above zero (the default is 200 ms), or Timeout.InfiniteTimeSpan for none.");
        }

        // .NET's regular expressions take a time limit of at most int.MaxValue milliseconds (about 24.8 days).
        if (options.Classification.PatternTimeout > TimeSpan.FromMilliseconds(int.MaxValue - 1))
        {
            errors.Add($"LogScanOptions.Classification.PatternTimeout is {options.Classification.PatternTimeout}: use at most 24 days (the default is 200 ms), or Timeout.InfiniteTimeSpan for none.");
        }

        if (RulesError(options.Classification) is { } rules)
        {
            errors.Add(rules);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws an <see cref="OptionsValidationException"/> listing what is wrong with <paramref name="options"/>.</summary>
    public static void ThrowIfInvalid(LogScanOptions options)
    {
        var result = Instance.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LogScanOptions), result.Failures);
        }
    }

    /// <summary>What is wrong with the rules (the file's, then those added in code), or <see langword="null"/>.</summary>
    private static string? RulesError(LogClassificationOptions classification)
    {
        if (classification.RulesFile is { } file)
        {
            try
            {
                _ = ClassificationRuleSet.Load(file);
                _ = ClassificationRuleSet.LoadLayouts(file);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException)
            {
                return $"LogScanOptions.Classification.RulesFile: {ex.Message} Fix the file, or leave RulesFile null.";
            }
        }

        var inCode = new LogClassificationOptions { IncludeDefaultRules = false };
        foreach (var rule in classification.Rules)
        {
            inCode.Rules.Add(rule);
        }

        try
        {
            _ = ClassificationRuleSet.Resolve(inCode);
            // Then all of them together: names are unique across the file, the code and the built-in rules.
            _ = ClassificationRuleSet.Resolve(classification);
            return null;
        }
        catch (InvalidDataException ex)
        {
            // The message names the rule (LogClassificationOptions.Rules[i], or the file's rule) and the fix.
            return $"LogScanOptions.Classification: {ex.Message}";
        }
    }
}
