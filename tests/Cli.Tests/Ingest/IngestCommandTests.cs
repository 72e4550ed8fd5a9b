using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Cli.Commands;
using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests.Ingest;

public sealed class IngestCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("--batch-size", "0", "LogIngestOptions.BatchSize")]
    [InlineData("--terminal", " ", "LogIngestOptions.Terminal")]
    [InlineData("--organization", "", "LogIngestOptions.Organization")]
    public async Task Ingest_BadOptionValue_OneLineUsageErrorNamingTheFlagAndNoStore(string flag, string value, string option)
    {
        var log = _dir.File("till.log", "2026-11-20T10:00:00.000Z [INFO] tickets: ticket closed\n");
        var db = Path.Combine(_dir.Path, "fleet.db");

        var (code, _, stderr) = await PosFleetProcess.RunAsync("ingest", log, "--store", db, flag, value);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"posfleet: {flag}: {option} is ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Theory]
    [InlineData("--batch-size")]
    [InlineData("--organization")]
    [InlineData("--terminal")]
    public void Validate_BadValueWithTheSdkValidators_PrefixedWithItsFlag(string flag)
    {
        var services = new ServiceCollection();
        services.AddPosFleet();
        using var provider = services.BuildServiceProvider();

        var error = IngestCommand.Validate(Bad(flag), [.. provider.GetServices<IValidateOptions<LogIngestOptions>>()]);

        Assert.NotNull(error);
        Assert.StartsWith($"{flag}: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--batch-size")]
    [InlineData("--organization")]
    [InlineData("--terminal")]
    public void Validate_FailureWordedWithoutTheOptionName_StillPrefixedWithItsFlag(string flag)
    {
        var error = IngestCommand.Validate(Bad(flag), [new TerseValidator()]);

        Assert.Equal($"{flag}: not allowed", error);
    }

    [Fact]
    public void Validate_FailureNoFlagGivesOnItsOwn_ReportedWithoutAFlag()
    {
        var error = IngestCommand.Validate(new LogIngestOptions { Organization = "POS-0001", Terminal = "POS-0001" }, [new TerseValidator()]);

        Assert.Equal("the terminal and the organization are the same", error);
    }

    [Fact]
    public void Validate_FlagThatFailsOnlyWithoutAnotherOneGiven_Null()
    {
        // The terminal alone breaks "a terminal needs its organization"; with the organization given, nothing is wrong.
        var error = IngestCommand.Validate(new LogIngestOptions { Organization = "ACME", Terminal = "POS-0001" }, [new TerseValidator()]);

        Assert.Null(error);
    }

    [Fact]
    public void Validate_ValidValues_Null()
    {
        var services = new ServiceCollection();
        services.AddPosFleet();
        using var provider = services.BuildServiceProvider();
        var options = new LogIngestOptions { BatchSize = 1, Organization = "ACME", Terminal = "POS-0001", Follow = true };

        Assert.Null(IngestCommand.Validate(options, [.. provider.GetServices<IValidateOptions<LogIngestOptions>>()]));
    }

    private static LogIngestOptions Bad(string flag) => flag switch
    {
        "--batch-size" => new LogIngestOptions { BatchSize = 0 },
        "--organization" => new LogIngestOptions { Organization = " " },
        _ => new LogIngestOptions { Terminal = "" },
    };

    /// <summary>A validator whose messages do not name the option, with rules about two options together.</summary>
    private sealed class TerseValidator : IValidateOptions<LogIngestOptions>
    {
        public ValidateOptionsResult Validate(string? name, LogIngestOptions options)
        {
            if (options.BatchSize < 1 || (options.Organization is { } o && string.IsNullOrWhiteSpace(o)) || (options.Terminal is { } t && string.IsNullOrWhiteSpace(t)))
            {
                return ValidateOptionsResult.Fail("not allowed");
            }

            if (options.Terminal is not null && options.Organization is null)
            {
                return ValidateOptionsResult.Fail("a terminal needs its organization");
            }

            return options.Terminal is not null && options.Terminal == options.Organization
                ? ValidateOptionsResult.Fail("the terminal and the organization are the same")
                : ValidateOptionsResult.Success;
        }
    }
}
