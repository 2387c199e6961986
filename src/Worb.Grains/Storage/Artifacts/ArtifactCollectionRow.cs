namespace Worb.Grains.Storage.Artifacts;

/// <summary>An artifact collection (wandb's artifact sequence) with its type and project.</summary>
public sealed record ArtifactCollectionRow(
    long Id,
    string Name,
    string? Description,
    long TypeId,
    string TypeName,
    long ProjectId,
    string Entity,
    string Project,
    double CreatedAt,
    long VersionCount);
