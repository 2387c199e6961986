using System.Text.Json.Nodes;

namespace Worb.Api.Artifacts;

/// <summary>The shapes the dashboard's artifact REST API answers with (<c>/api/artifacts/...</c>).</summary>
public sealed record ArtifactTypeSummary(string Name, IReadOnlyList<ArtifactCollectionSummary> Collections);

public sealed record ArtifactCollectionSummary(string Name, string Type, string? Description, long VersionCount, string? LatestVersion, string CreatedAt);

public sealed record ArtifactVersionSummary(
    string Id,
    string Collection,
    string Type,
    string Version,
    IReadOnlyList<string> Aliases,
    string Digest,
    string? Description,
    JsonNode? Metadata,
    long Size,
    long FileCount,
    string CreatedAt,
    ArtifactRunLink? LoggedBy);

public sealed record ArtifactFileLink(string Path, long Size, string Digest, string? Ref, string? DownloadUrl);

public sealed record ArtifactRunLink(string Entity, string Project, string Run);

public sealed record ArtifactUsage(string Entity, string Project, string Run, string? UsedAs, string UsedAt);

public sealed record ArtifactVersionDetail(ArtifactVersionSummary Artifact, IReadOnlyList<ArtifactFileLink> Files, IReadOnlyList<ArtifactUsage> UsedBy);

public sealed record RunArtifacts(ArtifactRunLink Run, IReadOnlyList<ArtifactVersionSummary> Logged, IReadOnlyList<ArtifactVersionSummary> Used);
