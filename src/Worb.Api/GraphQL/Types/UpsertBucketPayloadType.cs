using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class UpsertBucketPayloadType : ObjectGraphType<UpsertBucketResult>
{
    public UpsertBucketPayloadType()
    {
        Name = "UpsertBucketPayload";
        Field<RunType>("bucket").Resolve(c => c.Source.Bucket);
        Field<NonNullGraphType<BooleanGraphType>>("inserted").Resolve(c => c.Source.Inserted);
        Field<NonNullGraphType<ServerSettingsType>>("serverSettings").Resolve(_ => ServerSettings.None);
        Field<StringGraphType>("clientMutationId").Resolve(_ => null);
    }
}
