using PosFleet.Cli.Commands;

namespace PosFleet.Cli.Updates;

internal static partial class PackageCommand
{
    /// <summary>
    /// Where terminals fetch the package: <c>--location</c>, <c>--location-file</c> (<c>-</c> for standard input),
    /// <see cref="LocationVariable"/>, or the file's own <c>file:</c> URI, in that order. A signed URL (a query, user
    /// information) is refused on the command line, where a process list and a shell history keep it; the other two
    /// take it. On failure the address is <see langword="null"/> and the exit code says why, already written. Source
    /// names the option or variable the address came from, so a leftover variable is shown rather than used silently.
    /// </summary>
    private static async Task<(Uri? Location, string Source, int ExitCode)> ReadLocationAsync(string? argument, string? file, FileInfo package, CancellationToken cancellationToken)
    {
        if (argument is not null && file is not null)
        {
            return (null, string.Empty, ScanCommand.Fail(ExitCodes.Usage, "Give one of --location and --location-file."));
        }

        if (argument is not null)
        {
            if (!Uri.TryCreate(argument, UriKind.Absolute, out var given))
            {
                // Not echoed: it cannot be cut into parts to redact, and it may still hold a signature.
                return (null, string.Empty, ScanCommand.Fail(ExitCodes.Usage, "--location is not an absolute URI; use such as https://packages.example.com/pos/35.1.zip."));
            }

            if (DisplayText.HasCredentials(given))
            {
                return (null, string.Empty, ScanCommand.Fail(ExitCodes.Usage,
                    $"--location {DisplayText.Address(given)} carries a query or user information, such as a signed URL's signature, which a process list and the shell history would keep: " +
                    $"give it in the {LocationVariable} variable or with --location-file FILE (- for standard input) instead."));
            }

            return (given, "--location", ExitCodes.Success);
        }

        string? text;
        string from;
        string source;
        if (file is not null)
        {
            source = "--location-file";
            from = file == "-" ? "--location-file - (standard input)" : $"--location-file '{DisplayText.Escape(file)}'";
            try
            {
                text = file == "-"
                    ? await Console.In.ReadLineAsync(cancellationToken)
                    : (await File.ReadAllLinesAsync(file, cancellationToken)).FirstOrDefault();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, string.Empty, ScanCommand.Fail(ExitCodes.UnreadableInput, $"{from} cannot be read: {ex.Message}"));
            }
        }
        else if (Environment.GetEnvironmentVariable(LocationVariable) is { Length: > 0 } variable)
        {
            from = LocationVariable;
            source = LocationVariable;
            text = variable;
        }
        else
        {
            return (new Uri(package.FullName), "--file", ExitCodes.Success);
        }

        // The text may hold a signature: a message names where it came from, never what it says.
        return Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var location)
            ? (location, source, ExitCodes.Success)
            : (null, string.Empty, ScanCommand.Fail(ExitCodes.Usage, $"{from} does not hold an absolute URI on its first line; write one such as https://packages.example.com/pos/35.1.zip?sig=…"));
    }
}
