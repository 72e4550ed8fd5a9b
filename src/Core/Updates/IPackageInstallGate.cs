namespace PosFleet.Updates;

/// <summary>
/// Says whether the till may install now, implemented by the terminal host: never while a ticket or a shift is open.
/// Asked before the question and again right before the installer runs. Without one, installing is always allowed
/// (a connector host with no tickets).
/// </summary>
public interface IPackageInstallGate
{
    /// <summary>Why installing must wait, such as <c>ticket 1042 is open</c>, or <see langword="null"/> when it may go ahead.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The reason, or <see langword="null"/>.</returns>
    ValueTask<string?> GetBlockReasonAsync(CancellationToken cancellationToken);
}
