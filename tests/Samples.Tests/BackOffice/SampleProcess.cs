using System.Diagnostics;
using System.Text;

namespace PosFleet.Samples.Tests.BackOffice;

/// <summary>The back-office sample started from its own build output (<c>dotnet posfleet-backoffice.dll</c>), its output kept for failure messages.</summary>
internal sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SampleProcess(Process process) => _process = process;

    public static string SamplePath
    {
        get
        {
            // tests/Samples.Tests/bin/<Configuration>/net10.0/ → the sample's own output for the same configuration.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sdk.sln")))
            {
                root = root.Parent;
            }

            Assert.NotNull(root);
            return Path.Combine(root.FullName, "samples", "BackOffice", "bin", configuration, "net10.0", "posfleet-backoffice.dll");
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static SampleProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SamplePath);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var sample = new SampleProcess(Process.Start(start)!);
        sample._process.OutputDataReceived += (_, e) => sample.Append(e.Data);
        sample._process.ErrorDataReceived += (_, e) => sample.Append(e.Data);
        sample._process.BeginOutputReadLine();
        sample._process.BeginErrorReadLine();
        return sample;
    }

    /// <summary>Waits for a file matching <paramref name="pattern"/>, failing with the sample's output if it exits first or the time runs out.</summary>
    public async Task<string> WaitForFileAsync(string directory, string pattern, TimeSpan timeout)
    {
        Directory.CreateDirectory(directory);
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(directory, pattern) { EnableRaisingEvents = true };
        watcher.Created += (_, _) => changed.Release();
        watcher.Renamed += (_, _) => changed.Release();
        using var deadline = new CancellationTokenSource(timeout);
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        while (true)
        {
            if (Directory.GetFiles(directory, pattern) is [var file, ..])
            {
                return file;
            }

            Assert.False(exited.IsCompleted, $"The sample exited with code {(_process.HasExited ? _process.ExitCode : -1)} before writing a file:\n{Output}");
            Assert.False(deadline.IsCancellationRequested, $"No {pattern} in {directory} after {timeout}:\n{Output}");
            try
            {
                await Task.WhenAny(changed.WaitAsync(deadline.Token), exited);
            }
            catch (OperationCanceledException)
            {
                // The deadline: checked at the top of the loop, after one last look at the directory.
            }
        }
    }

    /// <summary>Stops the sample as a service manager does (SIGTERM) and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
            await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(wait.Token);
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
