using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Tests.Diagnostics;

/// <summary>The activities PosFleet's source ended while a test ran, as an OpenTelemetry exporter would receive them.</summary>
internal sealed class RecordedActivities : IDisposable
{
    private readonly List<Activity> _stopped = [];
    private readonly ActivityListener _listener;

    public RecordedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PosFleetTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (_stopped)
                {
                    _stopped.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The ended activities of that name, in the order they ended.</summary>
    public Activity[] Named(string name)
    {
        lock (_stopped)
        {
            return [.. _stopped.Where(a => a.OperationName == name)];
        }
    }

    public void Dispose() => _listener.Dispose();
}
