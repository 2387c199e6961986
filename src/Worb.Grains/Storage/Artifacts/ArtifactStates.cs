namespace Worb.Grains.Storage.Artifacts;

/// <summary>The states an artifact goes through: created PENDING, COMMITTED once its files and manifest are stored.</summary>
public static class ArtifactStates
{
    public const string Pending = "PENDING";
    public const string Committed = "COMMITTED";
}
