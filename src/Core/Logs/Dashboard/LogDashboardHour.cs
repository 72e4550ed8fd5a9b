namespace PosFleet.Logs.Dashboard;

/// <summary>How many entries of one hour were successes, alerts and errors (green, orange and red).</summary>
/// <param name="Hour">The start of the hour (UTC).</param>
/// <param name="Success">Entries of severity <see cref="LogSeverity.Success"/>.</param>
/// <param name="Alert">Entries of severity <see cref="LogSeverity.Alert"/>.</param>
/// <param name="Error">Entries of severity <see cref="LogSeverity.Error"/>.</param>
public sealed record LogDashboardHour(DateTimeOffset Hour, long Success, long Alert, long Error);
