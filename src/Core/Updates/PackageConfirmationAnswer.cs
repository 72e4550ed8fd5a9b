namespace PosFleet.Updates;

/// <summary>The till user's answer to <see cref="IPackageConfirmation"/>.</summary>
public enum PackageConfirmationAnswer
{
    /// <summary>Install it now.</summary>
    Install,

    /// <summary>Do not install this version; it is not offered again until a newer one is the target.</summary>
    Decline,

    /// <summary>Not now: asked again at a later exchange.</summary>
    Later,
}
