using GraphQL.Types;
using Worb.Api.GraphQL.Mutations;

namespace Worb.Api.GraphQL.Types;

public sealed class CreateRunFilesInputType : InputObjectGraphType<CreateRunFilesInput>
{
    public CreateRunFilesInputType()
    {
        Name = "CreateRunFilesInput";
        Field<StringGraphType>("entityName");
        Field<StringGraphType>("projectName");
        Field<StringGraphType>("runName");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("files");
        Field<StringGraphType>("clientMutationId");
    }
}
