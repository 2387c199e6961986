using GraphQL;
using GraphQL.Types;
using Worb.Api.GraphQL.Artifacts;
using Worb.Api.GraphQL.Mutations;

namespace Worb.Api.GraphQL.Types;

/// <summary>
/// The root mutation type; named <c>Mutation</c> because the SDK probes <c>__type(name: "Mutation")</c> and picks
/// its upload mechanism from the listed fields (<c>createRunFiles</c>).
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType(
        UpsertBucketHandler upsertBucket,
        CreateRunFilesHandler createRunFiles,
        RunAlertHandler alerts,
        StopRunHandler stopRun,
        ArtifactMutationFields artifacts)
    {
        Name = "Mutation";
        Field<UpsertBucketPayloadType>("upsertBucket")
            .Argument<NonNullGraphType<UpsertBucketInputType>>("input")
            .ResolveAsync(async c =>
                await upsertBucket.HandleAsync(c.GetArgument<UpsertBucketInput>("input"), c.CancellationToken));
        Field<NonNullGraphType<CreateRunFilesPayloadType>>("createRunFiles")
            .Argument<NonNullGraphType<CreateRunFilesInputType>>("input")
            .ResolveAsync(async c => await createRunFiles.HandleAsync(c.GetArgument<CreateRunFilesInput>("input")));
        Field<NotifyScriptableRunAlertPayloadType>("notifyScriptableRunAlert")
            .Argument<NonNullGraphType<NotifyScriptableRunAlertInputType>>("input")
            .ResolveAsync(async c => await alerts.HandleAsync(c.GetArgument<NotifyScriptableRunAlertInput>("input")));
        Field<StopRunPayloadType>("stopRun")
            .Argument<NonNullGraphType<StopRunInputType>>("input")
            .ResolveAsync(async c => await stopRun.HandleAsync(c.GetArgument<StopRunInput>("input")));
        artifacts.AddTo(this);
    }
}
