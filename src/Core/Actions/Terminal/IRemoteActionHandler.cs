namespace PosFleet.Actions.Terminal;

/// <summary>
/// Runs the remote actions of one name on the terminal; the host registers it with
/// <c>AddActionHandler&lt;T&gt;(name)</c>. The engine runs one action at a time, stops an attempt at its timeout
/// through the token it passes to <see cref="RunAsync"/> (a handler that ignores it is abandoned after
/// <see cref="RemoteActionAgentOptions.TimeoutGrace"/> more, and the next action runs), and tells a run after a restart
/// that it is a recovery (<see cref="RemoteActionContext.IsRecovery"/>): the previous attempt was cut at an unknown point.
/// </summary>
public interface IRemoteActionHandler
{
    /// <summary>Runs one attempt.</summary>
    /// <param name="context">The action, its parameters and attempt.</param>
    /// <param name="cancellationToken">Signalled at the action's timeout, or when the terminal stops.</param>
    /// <returns>The outcome; an exception counts as a failure that may be retried.</returns>
    ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken);
}
