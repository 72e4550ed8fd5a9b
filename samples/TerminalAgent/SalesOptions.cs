namespace PosFleet.Samples.TerminalAgent;

/// <summary>The simulated sales of the sample: how many tickets, how far apart.</summary>
internal sealed class SalesOptions
{
    /// <summary>How many tickets the till sells after it starts. <value>The default is 3.</value></summary>
    public int Tickets { get; set; } = 3;

    /// <summary>The time between two sales. <value>The default is 5 seconds.</value></summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}
