using System.Diagnostics;
using Xunit.Sdk;

namespace PosFleet.Tests.Digests.Rendering;

/// <summary>
/// Debian's <c>chromium</c>, started headless by the test itself: a screenshot at a phone's width and the DOM it
/// built. Missing Chromium fails the test, with what to install, rather than skipping it.
/// </summary>
internal static class HeadlessChromium
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The browser: <c>chromium</c> on the PATH, else <c>/usr/bin/chromium</c>; fails the test when neither exists.</summary>
    public static string Executable()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "chromium"))
            .FirstOrDefault(File.Exists);
        return onPath ?? (File.Exists("/usr/bin/chromium")
            ? "/usr/bin/chromium"
            : throw FailException.ForFailure(
                "Chromium is not installed, and this test renders the digest in it: install it with "
                + "`sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu; .ci/run installs it), then run the tests again."));
    }

    /// <summary>A screenshot of <paramref name="htmlFile"/> in a <paramref name="width"/> × <paramref name="height"/> CSS-pixel window.</summary>
    public static async Task<byte[]> ScreenshotAsync(string htmlFile, int width, int height)
    {
        var png = Path.Combine(Path.GetDirectoryName(htmlFile)!, Path.GetFileNameWithoutExtension(htmlFile) + ".png");
        File.Delete(png);
        await RunAsync(htmlFile, $"--window-size={width},{height}", "--screenshot=" + png);
        return File.Exists(png) ? await File.ReadAllBytesAsync(png) : throw FailException.ForFailure($"Chromium wrote no screenshot at {png}.");
    }

    /// <summary>The document as Chromium parsed it, serialized.</summary>
    public static Task<string> DumpDomAsync(string htmlFile) => RunAsync(htmlFile, "--dump-dom");

    private static async Task<string> RunAsync(string htmlFile, params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("posfleet-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // --no-sandbox: CI runs tests as root, where Chromium's sandbox refuses to start.
            foreach (var a in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile.FullName, .. arguments, new Uri(htmlFile).AbsoluteUri])
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw FailException.ForFailure($"Chromium did not finish within {Timeout}: {await stderr}");
            }

            return process.ExitCode == 0
                ? await stdout
                : throw FailException.ForFailure($"Chromium exited with code {process.ExitCode}: {await stderr}");
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A helper process still closing its profile; the temp folder is the system's to clean.
            }
        }
    }
}
