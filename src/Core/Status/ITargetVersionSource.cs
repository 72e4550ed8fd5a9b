namespace PosFleet.Status;

/// <summary>
/// The application version each organization's terminals should run: a terminal behind it is yellow on the board.
/// The default reads <see cref="StatusOptions.TargetVersion"/> and <see cref="StatusOptions.TargetVersions"/>; package
/// updates (or a host) register their own to supply the version they roll out.
/// </summary>
public interface ITargetVersionSource
{
    /// <summary>The target version of <paramref name="organization"/>, such as <c>35.1</c>, or <see langword="null"/> for none.</summary>
    /// <param name="organization">The organization.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The version.</returns>
    ValueTask<string?> GetTargetVersionAsync(string organization, CancellationToken cancellationToken);
}
