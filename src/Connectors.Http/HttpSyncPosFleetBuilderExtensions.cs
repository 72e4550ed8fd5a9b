using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using PosFleet.Connectors.Http.Internal;
using PosFleet.Sync.Exchange;

namespace PosFleet.Connectors.Http;

/// <summary>Registers the terminal's HTTP transport: <c>services.AddPosFleet(…).AddSyncAgent(…).UseHttpSyncTransport(o =&gt; o.BackOfficeUri = …)</c>.</summary>
public static class HttpSyncPosFleetBuilderExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> the transport uses (<c>IHttpClientFactory</c>): a host adds a proxy,
    /// a client certificate or its own handler with <c>services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(…)</c>.
    /// A handler added that way runs inside the retries.
    /// </summary>
    public const string HttpClientName = "PosFleet.Sync";

    private const string PipelineName = "posfleet-sync";

    /// <summary>
    /// Exchanges with the back office over HTTP (its <c>MapPosFleetSync</c> endpoint, in PosFleet.AspNetCore): the
    /// request and response are gzip-compressed JSON and the terminal's credential (<c>SyncAgentOptions.Credential</c>)
    /// goes in <c>Authorization: Bearer</c>, redacted from every log. Transient failures (no connection, a timeout,
    /// 408, 429, 5xx) are retried with exponential back-off and jitter within <see cref="HttpSyncTransportOptions.TotalTimeout"/>,
    /// each attempt bounded by <see cref="HttpSyncTransportOptions.AttemptTimeout"/>, behind a circuit breaker (Microsoft.Extensions.Http.Resilience).
    /// 401 and 403 are never retried: they surface as a <see cref="SyncExchangeException"/>, which the sync agent reports
    /// as <c>Unauthorized</c>. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <param name="configure">Sets the back office's address, such as <c>o =&gt; o.BackOfficeUri = new("https://backoffice.example.com/posfleet/sync")</c>, and the resilience limits.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UseHttpSyncTransport(this IPosFleetBuilder builder, Action<HttpSyncTransportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<HttpSyncTransportOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpSyncTransportOptions>, HttpSyncTransportOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan) // the resilience pipeline's timeouts govern
            // The factory's request logging puts the raw header values (the credential) in its log state even when
            // its message redacts them, where a structured logger would store them: the transport logs its own.
            .RemoveAllLoggers()
            .AddResilienceHandler(PipelineName, static (pipeline, context) =>
                Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<HttpSyncTransportOptions>>().Value));
        services.Replace(ServiceDescriptor.Singleton<ISyncTransport, HttpSyncTransport>());
        return builder;
    }

    /// <summary>Outermost first: the total timeout, the retries, the circuit breaker (which sees every attempt), the attempt's timeout.</summary>
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, HttpSyncTransportOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            BreakDuration = options.BreakDuration,
            // A terminal makes a few attempts a minute, not the hundred a server would (Polly's default throughput):
            // one exchange whose attempts all failed opens the circuit.
            MinimumThroughput = 4,
            FailureRatio = 0.5,
            // Polly wants the sampling window at least twice the attempt's timeout, so a slow attempt still counts.
            SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.AttemptTimeout.Ticks * 2)),
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }
}
