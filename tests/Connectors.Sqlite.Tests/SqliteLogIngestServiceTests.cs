using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The ingest service of <c>AddLogIngest</c> in a generic host, tailing a real folder into a real SQLite file.</summary>
public sealed class SqliteLogIngestServiceTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new();
    private readonly TestLogProvider _logs = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task AddLogIngest_FolderGrowsWhileTheHostRuns_StoresEveryLineOnceAndStopsWithEverythingCommitted()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir.Path, "logs")).FullName;
        var log = Path.Combine(folder, "till.log");
        File.WriteAllText(log, Lines(1, 3));
        File.WriteAllText(Path.Combine(folder, "till.log.1"), Lines(100, 101)); // a rotated copy: not matched by *.log

        using (var host = Host(folder))
        {
            await host.StartAsync();
            await _clock.WaitForTimersAsync(1);
            File.AppendAllText(log, Lines(4, 5));
            _clock.Advance(TimeSpan.FromSeconds(2));
            await _clock.WaitForTimersAsync(2);

            await host.StopAsync();

            var service = host.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s.GetType().Name == "LogIngestService");
            Assert.True(service.ExecuteTask!.IsCompletedSuccessfully);
            Assert.Equal(Enumerable.Range(1, 5).Select(i => $"ticket {i} closed"), await MessagesAsync(host));
        }

        Assert.Contains(_logs.Messages, m => m.StartsWith("Ingest of " + log + " started", StringComparison.Ordinal));
        Assert.Contains(_logs.Messages, m => m.StartsWith("Log ingest service stopped; 5 new entries", StringComparison.Ordinal));

        // Started again over the same file: it resumes from the stored checkpoint and stores nothing twice.
        File.AppendAllText(log, Lines(6, 6));
        using (var host = Host(folder))
        {
            await host.StartAsync();
            await _clock.WaitForTimersAsync(3);
            await host.StopAsync();

            Assert.Equal(Enumerable.Range(1, 6).Select(i => $"ticket {i} closed"), await MessagesAsync(host));
        }

        Assert.Contains(_logs.Messages, m => m.StartsWith("Ingest of " + log + " resumed from its checkpoint after line 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddLogIngest_NoPaths_HostFailsToStartNamingTheOptionAndTheFix()
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddPosFleet().UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db")).AddLogIngest(o => o.Terminal = "POS-0001");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("LogIngestOptions.Paths is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("o.Paths.Add(", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "fleet.db")));
    }

    private IHost Host(string folder)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(_logs);
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.Services.AddPosFleet()
            .UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"))
            .AddLogIngest(o =>
            {
                o.Paths.Add(folder);
                o.Terminal = "POS-0001";
                o.PollInterval = TimeSpan.FromSeconds(2);
            });
        return builder.Build();
    }

    private static async Task<IEnumerable<string>> MessagesAsync(IHost host)
    {
        var page = await host.Services.GetRequiredService<ILogStore>().QueryAsync(new LogQuery { Terminal = "POS-0001", Limit = 100 }, CancellationToken.None);
        return page.Entries.Select(e => e.Message).Reverse();
    }

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"2026-11-20T10:{i / 60:00}:{i % 60:00}.000Z [INFO] tickets: ticket {i} closed\n")));

    /// <summary>Keeps the messages the host logs, so that a test reads what an operator would.</summary>
    private sealed class TestLogProvider : ILoggerProvider, ILogger
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages)
            {
                _messages.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
