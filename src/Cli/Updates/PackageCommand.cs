using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Cli.Commands;
using PosFleet.Cli.Sync;
using PosFleet.Updates;

namespace PosFleet.Cli.Updates;

/// <summary><c>posfleet package publish|target|list|rollout</c>: package updates on the back office (seed 003).</summary>
internal static partial class PackageCommand
{
    /// <summary>The variable a signed package location is read from when neither --location nor --location-file is given.</summary>
    public const string LocationVariable = "POSFLEET_PACKAGE_LOCATION";

    public static Command Create() => new("package", "Package updates: publish a package, set an organization's target, list them, follow and steer a staged rollout.")
    {
        Publish(), Target(), List(), Rollout(),
    };

    private static Option<string> PackageOption() => new("--package") { Description = "The package's id, such as pos.", Required = true };

    private static Option<string> VersionOption() => new("--version") { Description = "The version, numbers separated by dots, such as 35.1.", Required = true };

    private static Option<string> OrganizationOption() => new("--organization") { Description = "The organization.", Required = true };

    private static Option<bool> JsonOption() => new("--json") { Description = "Write the result as JSON." };

    private static Command Publish()
    {
        var store = StoreAccess.StoreOption();
        var package = PackageOption();
        var version = VersionOption();
        var file = new Option<FileInfo>("--file") { Description = "The package file: its size and SHA-256 are computed here and checked by every terminal before it installs.", Required = true };
        var location = new Option<string?>("--location") { Description = $"Where terminals fetch it (https://…), without user information or a query; a signed URL goes in {LocationVariable} or --location-file. The default is the file's own file: URI, for a share the terminals read." };
        var locationFile = new Option<string?>("--location-file") { Description = "Read where terminals fetch it from this file's first line, or from standard input with -: for a signed URL, which must not show in a process list or a shell history." };
        var channel = new Option<string>("--channel") { Description = "The channel.", DefaultValueFactory = _ => "stable" };
        var json = JsonOption();
        var command = new Command("publish", "Publishes a package: id, version, channel, size, SHA-256 and where terminals fetch it. A release never changes.")
        {
            store, package, version, file, location, locationFile, channel, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(file)!;
            var (at, from, failed) = await ReadLocationAsync(parse.GetValue(location), parse.GetValue(locationFile), source, cancellationToken);
            if (at is null)
            {
                return failed;
            }

            long size;
            string sha256;
            try
            {
                var stream = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await using (stream)
                {
                    size = stream.Length;
                    sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return ScanCommand.Fail(ExitCodes.UnreadableInput, $"--file '{source.FullName}' cannot be read: {ex.Message}");
            }

            var (access, code) = PackageStores.OpenBackOffice(parse.GetValue(store)!, create: true);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                var release = new PackageRelease
                {
                    PackageId = parse.GetValue(package)!,
                    Version = parse.GetValue(version)!,
                    Channel = parse.GetValue(channel)!,
                    Size = size,
                    Sha256 = sha256,
                    Location = at,
                };
                try
                {
                    var added = await access.Services.GetRequiredService<IPackageCatalog>().PublishAsync(release, cancellationToken);
                    if (parse.GetValue(json))
                    {
                        var stored = (await access.Services.GetRequiredService<IPackageStore>().ListReleasesAsync(release.PackageId, cancellationToken))
                            .FirstOrDefault(r => r.Version == release.Version) ?? release;
                        PackageJson.WritePublished(stored, added, from);
                        return ExitCodes.Success;
                    }

                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{(added ? "Published" : "Already published, unchanged:")} {DisplayText.Escape(release.PackageId)} {DisplayText.Escape(release.Version)} on {DisplayText.Escape(release.Channel)}, {size} bytes, SHA-256 {sha256}, at {DisplayText.Address(at)}{(from is LocationVariable or "--location-file" ? $" (from {from})" : string.Empty)}"));
                    return ExitCodes.Success;
                }
                catch (ArgumentException ex)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }
                catch (InvalidOperationException ex)
                {
                    return ScanCommand.Fail(SyncStores.Refused, ex.Message);
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }

    private static Command Target()
    {
        var store = StoreAccess.StoreOption();
        var organization = OrganizationOption();
        var package = PackageOption();
        var version = VersionOption();
        var stages = new Option<string?>("--stages") { Description = "The rollout's stages in percent of the organization's terminals, such as 10,50,100 (the default); 100 for all at once." };
        var widenAt = new Option<double?>("--widen-at") { Description = "The share of a stage that must have installed (or declined) before the next stage starts (0.8)." };
        var threshold = new Option<double?>("--failure-threshold") { Description = "The share of a stage that may fail before the rollout halts (0.2)." };
        var json = JsonOption();
        var command = new Command("target", "Sets the version an organization's terminals should run; they are offered it stage by stage at their next exchanges.")
        {
            store, organization, package, version, stages, widenAt, threshold, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            PackageRollout? rollout = null;
            var stagesText = parse.GetValue(stages);
            if (stagesText is not null || parse.GetValue(widenAt) is not null || parse.GetValue(threshold) is not null)
            {
                rollout = new PackageRollout();
                if (stagesText is not null)
                {
                    var parts = stagesText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    var values = new List<int>();
                    foreach (var part in parts)
                    {
                        if (!int.TryParse(part.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                        {
                            return ScanCommand.Fail(ExitCodes.Usage, $"--stages '{stagesText}': '{part}' is not a whole percentage; use such as 10,50,100.");
                        }

                        values.Add(value);
                    }

                    rollout = rollout with { Stages = values };
                }

                rollout = rollout with
                {
                    WidenAt = parse.GetValue(widenAt) ?? rollout.WidenAt,
                    FailureThreshold = parse.GetValue(threshold) ?? rollout.FailureThreshold,
                };
            }

            var (access, code) = PackageStores.OpenBackOffice(parse.GetValue(store)!, create: false);
            if (access is null)
            {
                return code;
            }

            await using (access)
            {
                try
                {
                    var org = parse.GetValue(organization)!;
                    var target = await access.Services.GetRequiredService<IPackageCatalog>().SetTargetAsync(org, parse.GetValue(package)!, parse.GetValue(version)!, rollout, cancellationToken);
                    var view = await access.Services.GetRequiredService<IPackageCatalog>().GetRolloutAsync(org, cancellationToken);
                    if (parse.GetValue(json))
                    {
                        PackageJson.WriteRollout(view!);
                        return ExitCodes.Success;
                    }

                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{DisplayText.Escape(org)} now targets {DisplayText.Escape(target.PackageId)} {DisplayText.Escape(target.Version)}: stages {string.Join(", ", target.Rollout.Stages.Select(s => $"{s} %"))}; the first offers it to {view!.Terminals.Count(t => t.Selected)} of its {view.Terminals.Count} terminals."));
                    return ExitCodes.Success;
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
                {
                    return ScanCommand.Fail(ExitCodes.Usage, ex.Message);
                }
                catch (PosFleetStorageException ex)
                {
                    return ScanCommand.Fail(ExitCodes.StoreUnavailable, ex.Message);
                }
            }
        });
        return command;
    }
}
