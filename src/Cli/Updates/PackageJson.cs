using System.Text.Json;
using PosFleet.Updates;

namespace PosFleet.Cli.Updates;

/// <summary>
/// <c>posfleet package … --json</c>: the same shape as <c>posfleet status --json</c> (an indented object, camelCase
/// names, instants in ISO 8601, absent values as <c>null</c>), written to standard output.
/// </summary>
internal static class PackageJson
{
    /// <param name="release">The release as stored.</param>
    /// <param name="added">Whether this call stored it.</param>
    /// <param name="locationFrom">Where its location was read: --location, --location-file, the variable or --file.</param>
    public static void WritePublished(PackageRelease release, bool added, string locationFrom)
    {
        Write(w =>
        {
            w.WriteBoolean("published", added);
            w.WriteString("locationFrom", locationFrom);
            w.WritePropertyName("release");
            Release(w, release);
        });
    }

    public static void WriteList(IReadOnlyList<PackageRelease> releases, IReadOnlyList<PackageTarget> targets)
    {
        Write(w =>
        {
            w.WriteStartArray("releases");
            foreach (var release in releases)
            {
                Release(w, release);
            }

            w.WriteEndArray();
            w.WriteStartArray("targets");
            foreach (var target in targets)
            {
                Target(w, target);
            }

            w.WriteEndArray();
        });
    }

    public static void WriteRollout(PackageRolloutView view)
    {
        Write(w =>
        {
            w.WritePropertyName("target");
            Target(w, view.Target);
            w.WriteNumber("terminalCount", view.Terminals.Count);
            w.WriteNumber("offered", view.Terminals.Count(t => t.Selected));
            w.WriteNumber("installed", view.Installed);
            w.WriteNumber("failed", view.Failed);
            w.WriteNumber("declined", view.Declined);
            w.WriteStartArray("terminals");
            foreach (var terminal in view.Terminals)
            {
                var s = terminal.Status;
                w.WriteStartObject();
                w.WriteString("terminal", terminal.TerminalId);
                w.WriteBoolean("inStage", terminal.Selected);
                w.WriteString("installedVersion", s?.InstalledVersion);
                w.WriteString("declinedVersion", s?.DeclinedVersion);
                if (s?.LastResult is { } r)
                {
                    w.WriteStartObject("lastResult");
                    w.WriteString("outcome", r.Outcome.ToString().ToLowerInvariant());
                    w.WriteString("version", r.Version);
                    w.WriteString("at", r.At);
                    w.WriteString("detail", r.Detail);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("lastResult");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static void Release(Utf8JsonWriter w, PackageRelease r)
    {
        w.WriteStartObject();
        w.WriteString("package", r.PackageId);
        w.WriteString("version", r.Version);
        w.WriteString("channel", r.Channel);
        w.WriteNumber("size", r.Size);
        w.WriteString("sha256", r.Sha256);
        // Scheme, host and path: a signed URL's query or a password is kept in the store for the terminals, never listed.
        w.WriteString("location", DisplayText.Address(r.Location));
        w.WriteString("publishedAt", r.PublishedAt);
        w.WriteEndObject();
    }

    private static void Target(Utf8JsonWriter w, PackageTarget t)
    {
        w.WriteStartObject();
        w.WriteString("organization", t.Organization);
        w.WriteString("package", t.PackageId);
        w.WriteString("version", t.Version);
        w.WriteString("setAt", t.SetAt);
        w.WriteStartObject("rollout");
        w.WriteStartArray("stages");
        foreach (var stage in t.Rollout.Stages)
        {
            w.WriteNumberValue(stage);
        }

        w.WriteEndArray();
        w.WriteNumber("stage", t.Rollout.Stage + 1);
        w.WriteNumber("share", t.Rollout.CurrentShare);
        w.WriteNumber("widenAt", t.Rollout.WidenAt);
        w.WriteNumber("failureThreshold", t.Rollout.FailureThreshold);
        w.WriteBoolean("halted", t.Rollout.HaltedReason is not null);
        w.WriteString("haltedReason", t.Rollout.HaltedReason);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Write(Action<Utf8JsonWriter> body)
    {
        using var stdout = Console.OpenStandardOutput();
        using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
        w.Flush();
        stdout.WriteByte((byte)'\n');
    }
}
