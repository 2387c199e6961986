using GraphQL.Types;
using Worb.Api.GraphQL.Mutations;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

public sealed class NotifyScriptableRunAlertInputType : InputObjectGraphType<NotifyScriptableRunAlertInput>
{
    public NotifyScriptableRunAlertInputType()
    {
        Name = "NotifyScriptableRunAlertInput";
        Field<StringGraphType>("entityName");
        Field<StringGraphType>("projectName");
        Field<NonNullGraphType<StringGraphType>>("runName");
        Field<NonNullGraphType<StringGraphType>>("title");
        Field<NonNullGraphType<StringGraphType>>("text");
        Field<AlertSeverityType>("severity");
        Field<DurationGraphType>("waitDuration");
        Field<StringGraphType>("clientMutationId");
    }
}
