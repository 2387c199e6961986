using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class CreateRunFilesPayloadType : ObjectGraphType<CreateRunFilesResult>
{
    public CreateRunFilesPayloadType()
    {
        Name = "CreateRunFilesPayload";
        Field<NonNullGraphType<IdGraphType>>("runID").Resolve(c => c.Source.RunId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("uploadHeaders")
            .Resolve(_ => Array.Empty<string>());
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UploadUrlType>>>>("files").Resolve(c => c.Source.Files);
        Field<StringGraphType>("clientMutationId").Resolve(_ => null);
    }
}
