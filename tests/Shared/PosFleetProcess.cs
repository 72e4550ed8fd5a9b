using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PosFleet.Tests;

/// <summary>
/// The posfleet tool (or another program) run as a real child process, as a user would: run to completion, or started,
/// read while it runs and signaled. Both outputs are read from the start, so the child never blocks on a full pipe.
/// </summary>
public sealed class PosFleetProcess : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Output _stdout;
    private readonly Output _stderr;

    private PosFleetProcess(Process process)
    {
        _process = process;
        _stdout = new Output(process.StandardOutput);
        _stderr = new Output(process.StandardError);
    }

    /// <summary>What a process can be sent while it runs.</summary>
    public enum Signal
    {
        /// <summary>SIGTERM: stop cleanly (what a service manager sends).</summary>
        Terminate,

        /// <summary>SIGINT: Ctrl+C.</summary>
        Interrupt,

        /// <summary>SIGKILL: no handler runs, no transaction finishes.</summary>
        Kill,
    }

    /// <summary>The tool as the test project's build copied it beside the tests (the project references src/Cli).</summary>
    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "posfleet.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything written to standard output so far.</summary>
    public string Stdout => _stdout.Text;

    /// <summary>Everything written to standard error so far.</summary>
    public string Stderr => _stderr.Text;

    /// <summary>Runs <c>posfleet <paramref name="args"/></c> to completion, standard input empty.</summary>
    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Options(args));

    /// <summary>Runs <c>posfleet <paramref name="args"/></c> to completion with <paramref name="stdin"/> on its standard input.</summary>
    public static Task<Result> RunWithInputAsync(string? stdin, params string[] args) => RunAsync(new Options(args) { Input = stdin });

    /// <summary>Runs a process to completion; past <see cref="Options.Timeout"/> it is killed and the test fails.</summary>
    public static async Task<Result> RunAsync(Options options)
    {
        using var process = Start(options);
        return await process.WaitForExitAsync(options.Timeout);
    }

    /// <summary>Starts <c>posfleet <paramref name="args"/></c> and returns at once, standard input empty.</summary>
    public static PosFleetProcess Start(params string[] args) => Start(new Options(args));

    /// <summary>Starts a process and returns at once, to be read, signaled or waited for.</summary>
    public static PosFleetProcess Start(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var start = new ProcessStartInfo(options.FileName ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.FileName is null)
        {
            if (!File.Exists(ToolPath))
            {
                throw new FileNotFoundException($"{ToolPath} is missing: the test project must reference src/Cli/PosFleet.Cli.csproj, which copies the tool beside the tests.", ToolPath);
            }

            start.ArgumentList.Add(ToolPath);
        }

        foreach (var arg in options.Arguments)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        if (options.WorkingDirectory is not null)
        {
            start.WorkingDirectory = options.WorkingDirectory;
        }

        var process = new PosFleetProcess(Process.Start(start)!);
        if (options.Input is not null)
        {
            process._process.StandardInput.Write(options.Input);
        }

        if (!options.KeepInputOpen)
        {
            process.CloseInput();
        }

        return process;
    }

    /// <summary>Closes standard input: the process reads its end.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits until standard output holds a line that <paramref name="match"/> accepts (one printed already counts) and returns it.</summary>
    public Task<string> WaitForStdoutLineAsync(Func<string, bool> match, TimeSpan? timeout = null) => WaitForLineAsync(_stdout, "output", match, timeout);

    /// <summary>Waits until standard error holds a line that <paramref name="match"/> accepts (one printed already counts) and returns it.</summary>
    public Task<string> WaitForStderrLineAsync(Func<string, bool> match, TimeSpan? timeout = null) => WaitForLineAsync(_stderr, "error", match, timeout);

    /// <summary>Sends <paramref name="signal"/> to the process (SIGTERM and SIGINT are Unix signals).</summary>
    public async Task SignalAsync(Signal signal)
    {
        if (signal == Signal.Kill)
        {
            _process.Kill(entireProcessTree: true);
            return;
        }

        Assert.False(OperatingSystem.IsWindows(), $"{signal} is a Unix signal");
        var name = signal == Signal.Terminate ? "-TERM" : "-INT";
        using var kill = Process.Start("kill", [name, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill {name} {_process.Id} failed: the process had already exited ({_process.HasExited})");
    }

    /// <summary>Waits for the process to exit and for both outputs to end; past <paramref name="timeout"/> it is killed and the test fails.</summary>
    public async Task<Result> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            await Task.WhenAll(_stdout.Ended, _stderr.Ended).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the process did not exit within {timeout ?? DefaultTimeout}; it was killed.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        return new Result(_process.ExitCode, Stdout, Stderr);
    }

    /// <summary>Waits at most <paramref name="within"/> for the process to exit: <see langword="true"/> if it has.</summary>
    public async Task<bool> TryWaitForExitAsync(TimeSpan within)
    {
        using var limit = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in between.
        }

        _process.Dispose();
    }

    private async Task<string> WaitForLineAsync(Output output, string name, Func<string, bool> match, TimeSpan? timeout)
    {
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await output.WaitForLineAsync(match, limit.Token)
                ?? throw new InvalidOperationException($"the process closed its standard {name} without the line awaited.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            throw new TimeoutException($"no such line on standard {name} within {timeout ?? DefaultTimeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
    }

    /// <summary>What to run: the posfleet tool with <paramref name="Arguments"/>, or <see cref="FileName"/> with them.</summary>
    public sealed record Options(IReadOnlyList<string> Arguments)
    {
        /// <summary>The program to run instead of the posfleet tool.</summary>
        public string? FileName { get; init; }

        /// <summary>Written to standard input, which is then closed (unless <see cref="KeepInputOpen"/>).</summary>
        public string? Input { get; init; }

        /// <summary>Leaves standard input open for <see cref="CloseInput"/> (a server that stops when it ends).</summary>
        public bool KeepInputOpen { get; init; }

        /// <summary>Variables added to (or, with a <see langword="null"/> value, removed from) the inherited environment.</summary>
        public IReadOnlyDictionary<string, string?>? Environment { get; init; }

        public string? WorkingDirectory { get; init; }

        /// <summary>How long a run to completion may take.</summary>
        public TimeSpan Timeout { get; init; } = DefaultTimeout;
    }

    /// <summary>How a process ended and everything it wrote.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>One output stream, read to its end as it is written; each complete line wakes the waits on it.</summary>
    private sealed class Output
    {
        private readonly StringBuilder _text = new();
        private readonly List<string> _lines = [];
        private readonly StringBuilder _line = new();
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _ended;

        public Output(StreamReader reader) => Ended = Task.Run(() => ReadAsync(reader));

        public Task Ended { get; }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        /// <summary>The first line that matches, or <see langword="null"/> once the stream ended without one.</summary>
        public async Task<string?> WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
        {
            var seen = 0;
            while (true)
            {
                Task changed;
                lock (_text)
                {
                    for (; seen < _lines.Count; seen++)
                    {
                        if (match(_lines[seen]))
                        {
                            return _lines[seen];
                        }
                    }

                    if (_ended)
                    {
                        return null;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancellationToken);
            }
        }

        private async Task ReadAsync(StreamReader reader)
        {
            var buffer = new char[4096];
            try
            {
                int read;
                while ((read = await reader.ReadAsync(buffer)) > 0)
                {
                    lock (_text)
                    {
                        _text.Append(buffer, 0, read);
                        foreach (var c in buffer.AsSpan(0, read))
                        {
                            if (c == '\n')
                            {
                                _lines.Add(_line.ToString().TrimEnd('\r'));
                                _line.Clear();
                            }
                            else
                            {
                                _line.Append(c);
                            }
                        }

                        Wake();
                    }
                }
            }
            finally
            {
                lock (_text)
                {
                    if (_line.Length > 0)
                    {
                        _lines.Add(_line.ToString());
                    }

                    _ended = true;
                    Wake();
                }
            }
        }

        private void Wake() =>
            Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
