namespace PosFleet.Status;

/// <summary>
/// The organizations a status board viewer may see: those on which they hold the permission to set up outlets
/// (seed 004), from <see cref="IOutletSetupPermissions"/>; or every organization, for the back office's own operator
/// (the <c>posfleet</c> tool on the back office's file). The store applies it in its query.
/// </summary>
public sealed class StatusBoardAccess
{
    private StatusBoardAccess(IReadOnlySet<string>? organizations) => Organizations = organizations;

    /// <summary>Every organization: the back office's operator.</summary>
    public static StatusBoardAccess Everything { get; } = new(null);

    /// <summary>The organizations the viewer may see, or <see langword="null"/> for every one (<see cref="Everything"/>).</summary>
    public IReadOnlySet<string>? Organizations { get; }

    /// <summary>A viewer who may see exactly these organizations (none when empty).</summary>
    /// <param name="organizations">The organizations.</param>
    /// <returns>The access.</returns>
    public static StatusBoardAccess To(IEnumerable<string> organizations)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        return new(organizations.Where(o => o is not null).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Whether the viewer may see <paramref name="organization"/>.</summary>
    /// <param name="organization">The organization.</param>
    /// <returns><see langword="true"/> when it may.</returns>
    public bool Allows(string organization) => Organizations is null || Organizations.Contains(organization);
}
