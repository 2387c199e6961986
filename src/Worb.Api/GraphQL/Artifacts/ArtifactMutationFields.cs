using GraphQL;
using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary>The artifact mutations, added to the root <c>Mutation</c> type.</summary>
public sealed class ArtifactMutationFields(
    CreateArtifactHandler createArtifact,
    CreateArtifactManifestHandler createManifest,
    CreateArtifactFilesHandler createFiles,
    CommitArtifactHandler commit,
    UseArtifactHandler use)
{
    public void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<CreateArtifactPayloadGraphType>("createArtifact")
            .Argument<NonNullGraphType<CreateArtifactInputGraphType>>("input")
            .ResolveAsync(async c => await createArtifact.HandleAsync(c.GetArgument<CreateArtifactInput>("input"), c.CancellationToken));
        mutation.Field<CreateArtifactManifestPayloadGraphType>("createArtifactManifest")
            .Argument<NonNullGraphType<CreateArtifactManifestInputGraphType>>("input")
            .ResolveAsync(async c => await createManifest.HandleAsync(c.GetArgument<CreateArtifactManifestInput>("input"), c.CancellationToken));
        mutation.Field<CreateArtifactFilesPayloadGraphType>("createArtifactFiles")
            .Argument<NonNullGraphType<CreateArtifactFilesInputGraphType>>("input")
            .ResolveAsync(async c => await createFiles.HandleAsync(c.GetArgument<CreateArtifactFilesInput>("input"), c.CancellationToken));
        mutation.Field<CommitArtifactPayloadGraphType>("commitArtifact")
            .Argument<NonNullGraphType<CommitArtifactInputGraphType>>("input")
            .ResolveAsync(async c => await commit.HandleAsync(c.GetArgument<CommitArtifactInput>("input"), c.CancellationToken));
        mutation.Field<UseArtifactPayloadGraphType>("useArtifact")
            .Argument<NonNullGraphType<UseArtifactInputGraphType>>("input")
            .ResolveAsync(async c => await use.HandleAsync(c.GetArgument<UseArtifactInput>("input"), c.CancellationToken));
    }
}
