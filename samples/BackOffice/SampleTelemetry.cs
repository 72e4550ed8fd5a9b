using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PosFleet.Diagnostics;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// PosFleet's meter and activity source exported with OpenTelemetry, as <c>Telemetry:Exporter</c> says: <c>none</c> (the
/// default), <c>console</c>, or <c>otlp</c> (to <c>Telemetry:OtlpEndpoint</c>, else the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable, else <c>http://localhost:4317</c>). ASP.NET Core's own requests are traced too.
/// </summary>
internal static class SampleTelemetry
{
    public static IServiceCollection AddSampleTelemetry(this IServiceCollection services, IConfiguration section)
    {
        var exporter = (section["Exporter"] ?? "none").Trim().ToLowerInvariant();
        if (exporter == "none")
        {
            return services;
        }

        if (exporter is not ("console" or "otlp"))
        {
            throw new InvalidOperationException($"Telemetry:Exporter is '{section["Exporter"]}'; use none, console or otlp.");
        }

        Uri? endpoint = null;
        if (section["OtlpEndpoint"] is { Length: > 0 } text && !Uri.TryCreate(text, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint '{text}' is not an absolute URI; give one such as http://collector:4317.");
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("posfleet-backoffice"))
            .WithTracing(t =>
            {
                t.AddSource(PosFleetTelemetry.ActivitySourceName, "Microsoft.AspNetCore");
                _ = exporter == "console" ? t.AddConsoleExporter() : t.AddOtlpExporter(o => o.Endpoint = endpoint ?? o.Endpoint);
            })
            .WithMetrics(m =>
            {
                m.AddMeter(PosFleetTelemetry.MeterName, "Microsoft.AspNetCore.Hosting");
                _ = exporter == "console" ? m.AddConsoleExporter() : m.AddOtlpExporter(o => o.Endpoint = endpoint ?? o.Endpoint);
            });
        return services;
    }
}
