using GraphQL.Types;
using Worb.Api.GraphQL.Mutations;

namespace Worb.Api.GraphQL.Types;

/// <summary>Addresses the run by its GraphQL <c>id</c>, or by entity/project/run names.</summary>
public sealed class StopRunInputType : InputObjectGraphType<StopRunInput>
{
    public StopRunInputType()
    {
        Name = "StopRunInput";
        Field<StringGraphType>("id");
        Field<StringGraphType>("entityName");
        Field<StringGraphType>("projectName");
        Field<StringGraphType>("runName");
        Field<StringGraphType>("clientMutationId");
    }
}
