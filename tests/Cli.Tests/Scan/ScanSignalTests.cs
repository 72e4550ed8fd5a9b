namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// Ctrl+C and SIGTERM during <c>posfleet scan</c>, sent to the real tool once it has started reading a log that would
/// keep it busy for many seconds: it stops within a fraction of a second (5 s is the bound on a loaded machine), exits
/// 130 and says it was interrupted instead of printing a summary of part of its inputs.
/// </summary>
public sealed class ScanSignalTests : IDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// 60 copies of a 50 MB log (3 GB to read, on every core; copies, since the scan reads one file once however many
    /// paths name it) are a scan of seconds; the signal is sent once the tool has memory-mapped any of them, that is
    /// once the parallel workers are reading (a 50 MB file is read in a fraction of a second, so waiting for one
    /// particular copy can miss it).
    /// </summary>
    [Theory]
    [InlineData(PosFleetProcess.Signal.Terminate)]
    [InlineData(PosFleetProcess.Signal.Interrupt)]
    public async Task Scan_SignalDuringParallelScanOfLargeLog_Exits130PromptlyWithoutSummary(PosFleetProcess.Signal signal)
    {
        Assert.False(OperatingSystem.IsWindows(), "signals are Unix signals");
        var log = await GenerateAsync("fleet.log", "50MB");
        var copies = Enumerable.Range(1, 59).Select(i => Path.Combine(_dir.Path, $"fleet-{i}.log")).ToList();
        copies.ForEach(copy => File.Copy(log, copy));
        using var process = PosFleetProcess.Start(["scan", log, .. copies, "--threads", "2"]);
        await WaitUntilMappedAsync(process, _dir.Path);

        await process.SignalAsync(signal);

        if (signal == PosFleetProcess.Signal.Interrupt && InterruptIgnoredHere())
        {
            // Started with SIGINT ignored (under nohup, or as a background job of a script), the tool inherits that, as
            // POSIX has it: the interrupt changes nothing and the scan ends with its summary.
            var (ignoredCode, ignoredStdout, _) = await process.WaitForExitAsync();
            Assert.Equal(0, ignoredCode);
            Assert.NotEqual("", ignoredStdout);
            return;
        }

        Assert.True(await process.TryWaitForExitAsync(StopBound), $"the scan did not stop within {StopBound} of {signal}");
        var (code, stdout, stderr) = await process.WaitForExitAsync();
        Assert.True(code == 130, $"exit {code}: {stderr}");
        Assert.Equal("", stdout); // no "Scanned N lines …" of a part that would pass for the whole
        Assert.Contains("posfleet: interrupted: the scan stopped before the end of its inputs; no summary is written.", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// <c>--emit lines</c> reads in order on one worker, a 16 MiB block taking seconds to write out: the scan stops inside
    /// the block. The signal is sent once the first line is out.
    /// </summary>
    [Fact]
    public async Task Scan_SigtermWhileEmittingLines_Exits130PromptlyAndSaysTheLinesArePartial()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        var log = await GenerateAsync("fleet.log", "50MB");
        using var process = PosFleetProcess.Start(["scan", log, "--emit", "lines"]);
        await process.WaitForStdoutLineAsync(line => line.StartsWith("{\"source\":", StringComparison.Ordinal));

        await process.SignalAsync(PosFleetProcess.Signal.Terminate);

        Assert.True(await process.TryWaitForExitAsync(StopBound), $"the scan did not stop within {StopBound} of SIGTERM");
        var (code, _, stderr) = await process.WaitForExitAsync();
        Assert.True(code == 130, $"exit {code}: {stderr}");
        Assert.Contains("posfleet: interrupted: the scan stopped before the end of its inputs; the lines written above are only those read until then.", stderr, StringComparison.Ordinal);
    }

    /// <summary>The same for SIGTERM during <c>generate</c>: exit 130, and no half-written log left behind to pass for a whole one.</summary>
    [Fact]
    public async Task Generate_SigtermWhileWriting_Exits130AndRemovesTheUnfinishedFile()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        var file = Path.Combine(_dir.Path, "big.log");
        using var process = PosFleetProcess.Start("generate", "-o", file, "--size", "2GB");
        await WaitUntilAsync(process, () => File.Exists(file) && new FileInfo(file).Length > 0, "the log to be written");

        await process.SignalAsync(PosFleetProcess.Signal.Terminate);

        Assert.True(await process.TryWaitForExitAsync(StopBound), $"generate did not stop within {StopBound} of SIGTERM");
        var (code, stdout, stderr) = await process.WaitForExitAsync();
        Assert.True(code == 130, $"exit {code}: {stderr}");
        Assert.Contains($"posfleet: interrupted: {file} was not finished and has been removed.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(file));
    }

    /// <summary>The same for SIGTERM during <c>demo</c>, once it scans or ingests its log: exit 130, saying it was interrupted.</summary>
    [Fact]
    public async Task Demo_SigtermWhileScanningOrIngesting_Exits130SayingItWasInterrupted()
    {
        Assert.False(OperatingSystem.IsWindows(), "SIGTERM is a Unix signal");
        using var process = PosFleetProcess.Start("demo", "--dir", _dir.Path, "--size", "50MB");
        await process.WaitForStdoutLineAsync(line => line.StartsWith("Scanning the last 24 hours", StringComparison.Ordinal));

        await process.SignalAsync(PosFleetProcess.Signal.Terminate);

        var (code, stdout, stderr) = await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(code == 130, $"exit {code}: {stdout}\n{stderr}");
        Assert.Contains("posfleet: interrupted", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Dashboard,", stdout, StringComparison.Ordinal); // it went no further
    }

    /// <summary>Waits until the process has mapped <paramref name="path"/> into its memory (Linux: /proc/PID/maps), that is until the scan reads it.</summary>
    /// <summary>Whether this process was started with SIGINT ignored (bit 2 of <c>SigIgn</c> in /proc/self/status): its children inherit that.</summary>
    private static bool InterruptIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    internal static Task WaitUntilMappedAsync(PosFleetProcess process, string path) =>
        WaitUntilAsync(process, () => ReadMaps(process.Id).Contains(path, StringComparison.Ordinal), $"{path} to be mapped");

    internal static async Task WaitUntilAsync(PosFleetProcess process, Func<bool> condition, string what)
    {
        Assert.True(OperatingSystem.IsLinux(), "the test looks at /proc");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!condition())
        {
            Assert.False(process.HasExited, $"the process exited before {what}: exit {(process.HasExited ? process.ExitCode : 0)}\n{process.Stdout}\n{process.Stderr}");
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System, limit.Token);
        }
    }

    private static string ReadMaps(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/maps");
        }
        catch (IOException)
        {
            return ""; // exited in between
        }
    }

    private async Task<string> GenerateAsync(string name, string size)
    {
        var path = Path.Combine(_dir.Path, name);
        var (code, _, stderr) = await PosFleetProcess.RunAsync("generate", "-o", path, "--size", size);
        Assert.True(code == 0, stderr);
        return path;
    }
}
