using GraphQL;
using Worb.Grains.Storage.Artifacts;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>
/// <c>createArtifact</c>: a new PENDING version of the collection, or — when a committed version of the collection
/// has the same digest and de-duplication is on — that version, COMMITTED, so the client uploads nothing.
/// </summary>
public sealed class CreateArtifactHandler(ArtifactWriter writer, RunNaming naming)
{
    public async Task<ArtifactPayload> HandleAsync(CreateArtifactInput input, CancellationToken cancellationToken)
    {
        var collection = input.ArtifactCollectionNames?.FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? input.ArtifactCollectionName;
        if (string.IsNullOrWhiteSpace(collection) || collection.Contains(':') || collection.Contains('/'))
        {
            throw new ExecutionError($"'{collection}' is not an artifact name: give a non-empty name without ':' or '/'.");
        }
        if (string.IsNullOrWhiteSpace(input.ArtifactTypeName))
        {
            throw new ExecutionError("artifactTypeName is required.");
        }
        if (string.IsNullOrWhiteSpace(input.Digest))
        {
            throw new ExecutionError("digest is required.");
        }
        var aliases = (input.Aliases ?? [])
            .Where(a => !string.IsNullOrEmpty(a.Alias) && (string.IsNullOrEmpty(a.ArtifactCollectionName) || a.ArtifactCollectionName == collection))
            .Select(a => a.Alias!)
            .ToList();
        try
        {
            var outcome = await writer.CreateAsync(new CreateArtifactRequest
            {
                Entity = naming.Entity(input.EntityName),
                Project = RunNaming.Project(input.ProjectName),
                RunName = input.RunName,
                TypeName = input.ArtifactTypeName,
                CollectionName = collection,
                Digest = input.Digest,
                Description = input.Description,
                Metadata = string.IsNullOrWhiteSpace(input.Metadata) ? null : input.Metadata,
                ClientId = input.ClientID,
                SequenceClientId = input.SequenceClientID,
                HistoryStep = input.HistoryStep,
                Aliases = aliases,
                DeduplicateByDigest = input.EnableDigestDeduplication ?? true,
            }, cancellationToken);
            return new ArtifactPayload(outcome.Artifact);
        }
        catch (ArtifactException e)
        {
            throw new ExecutionError(e.Message);
        }
    }
}
