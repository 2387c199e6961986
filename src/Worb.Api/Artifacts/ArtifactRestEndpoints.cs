using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Worb.Api.GraphQL;
using Worb.Api.GraphQL.Data;
using Worb.Grains.Interfaces;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.Artifacts;

/// <summary>
/// A small read-only REST API over artifacts for the dashboard:
/// <list type="bullet">
/// <item><c>GET /api/artifacts/{entity}/{project}</c> — artifact types with their collections</item>
/// <item><c>GET /api/artifacts/{entity}/{project}/collections/{collection}</c> — committed versions, newest first, with aliases and metadata</item>
/// <item><c>GET /api/artifacts/{entity}/{project}/collections/{collection}/versions/{vN or alias}</c> — one version: files with
/// download URLs, the run that logged it and the runs that used it</item>
/// <item><c>GET /api/artifacts/{entity}/{project}/runs/{run}</c> — what a run logged and used</item>
/// </list>
/// Unknown names answer 404 with <c>{"error": ...}</c>.
/// </summary>
public static class ArtifactRestEndpoints
{
    public static IEndpointRouteBuilder MapArtifactRestApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/artifacts/{entity}/{project}");
        group.MapGet("", ListTypesAsync);
        group.MapGet("/collections/{collection}", ListVersionsAsync);
        group.MapGet("/collections/{collection}/versions/{version}", GetVersionAsync);
        group.MapGet("/runs/{run}", GetRunArtifactsAsync);
        return app;
    }

    private static async Task<IResult> ListTypesAsync(string entity, string project, ArtifactReader reader, CancellationToken cancellationToken)
    {
        var collections = await reader.CollectionsAsync(entity, project, null, cancellationToken);
        var types = new List<ArtifactTypeSummary>();
        foreach (var type in await reader.TypesAsync(entity, project, cancellationToken))
        {
            var summaries = new List<ArtifactCollectionSummary>();
            foreach (var collection in collections.Where(c => c.TypeId == type.Id))
            {
                summaries.Add(await SummarizeAsync(reader, collection, cancellationToken));
            }
            types.Add(new ArtifactTypeSummary(type.Name, summaries));
        }
        return Results.Json(new { entity, project, types });
    }

    private static async Task<IResult> ListVersionsAsync(string entity, string project, string collection, ArtifactReader reader, CancellationToken cancellationToken)
    {
        var found = await reader.CollectionAsync(entity, project, collection, null, cancellationToken);
        if (found is null)
        {
            return NotFound($"{entity}/{project} has no artifact named '{collection}'.");
        }
        var versions = new List<ArtifactVersionSummary>();
        foreach (var version in await reader.VersionsAsync(found.Id, cancellationToken))
        {
            versions.Add(await SummarizeAsync(reader, version, cancellationToken));
        }
        return Results.Json(new { collection = await SummarizeAsync(reader, found, cancellationToken), versions });
    }

    private static async Task<IResult> GetVersionAsync(
        string entity, string project, string collection, string version, ArtifactReader reader, ArtifactLinks links, CancellationToken cancellationToken)
    {
        var artifact = await reader.FindAsync(entity, project, collection, version, cancellationToken);
        if (artifact is null)
        {
            return NotFound($"{entity}/{project} has no committed artifact '{collection}:{version}'.");
        }
        var files = (await reader.FilesAsync(artifact, cancellationToken))
            .Select(f => new ArtifactFileLink(f.Path, f.Size, f.Digest, f.Ref, f.Ref ?? (f.Sha256 is { } sha ? links.DownloadUrl(sha, f.Path) : null)))
            .ToList();
        var usedBy = (await reader.UsagesAsync(artifact.Id, cancellationToken))
            .Select(u => new ArtifactUsage(u.Entity, u.Project, u.RunName, u.UsedAs, IsoTime.FromUnixSeconds(u.UsedAt)))
            .ToList();
        return Results.Json(new ArtifactVersionDetail(await SummarizeAsync(reader, artifact, cancellationToken), files, usedBy));
    }

    private static async Task<IResult> GetRunArtifactsAsync(
        string entity, string project, string run, RunReader runs, ArtifactReader reader, CancellationToken cancellationToken)
    {
        var record = await runs.GetAsync(new RunKey(entity, project, run), cancellationToken);
        if (record is null)
        {
            return NotFound($"Run {entity}/{project}/{run} does not exist.");
        }
        var logged = new List<ArtifactVersionSummary>();
        foreach (var artifact in await reader.LoggedByRunAsync(record.Id, cancellationToken))
        {
            logged.Add(await SummarizeAsync(reader, artifact, cancellationToken));
        }
        var used = new List<ArtifactVersionSummary>();
        foreach (var artifact in await reader.UsedByRunAsync(record.Id, cancellationToken))
        {
            used.Add(await SummarizeAsync(reader, artifact, cancellationToken));
        }
        return Results.Json(new RunArtifacts(new ArtifactRunLink(entity, project, run), logged, used));
    }

    private static async Task<ArtifactCollectionSummary> SummarizeAsync(ArtifactReader reader, ArtifactCollectionRow collection, CancellationToken cancellationToken) =>
        new(collection.Name, collection.TypeName, collection.Description, collection.VersionCount,
            (await reader.LatestAsync(collection.Id, cancellationToken))?.VersionAlias, IsoTime.FromUnixSeconds(collection.CreatedAt));

    private static async Task<ArtifactVersionSummary> SummarizeAsync(ArtifactReader reader, ArtifactRow artifact, CancellationToken cancellationToken) =>
        new(ArtifactGraphIds.Artifact(artifact.Id),
            artifact.CollectionName,
            artifact.TypeName,
            artifact.VersionAlias ?? artifact.State,
            await reader.AliasesAsync(artifact.Id, cancellationToken),
            artifact.Digest,
            artifact.Description,
            ParseMetadata(artifact.Metadata),
            artifact.Size,
            artifact.FileCount,
            IsoTime.FromUnixSeconds(artifact.CreatedAt),
            artifact.CreatedByRunName is { } run ? new ArtifactRunLink(artifact.Entity, artifact.Project, run) : null);

    private static JsonNode? ParseMetadata(string? metadata)
    {
        if (string.IsNullOrWhiteSpace(metadata))
        {
            return new JsonObject();
        }
        try
        {
            return JsonNode.Parse(metadata);
        }
        catch (JsonException)
        {
            return JsonValue.Create(metadata); // not JSON (NaN, ...): shown as the text the client sent
        }
    }

    private static IResult NotFound(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status404NotFound);
}
