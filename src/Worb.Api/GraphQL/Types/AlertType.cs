using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

public sealed class AlertType : ObjectGraphType<AlertNode>
{
    public AlertType()
    {
        Name = "RunAlert";
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("text").Resolve(c => c.Source.Text);
        Field<NonNullGraphType<StringGraphType>>("severity").Resolve(c => c.Source.Severity);
        Field<DurationGraphType>("waitDuration").Resolve(c => c.Source.WaitDurationMs);
        Field<NonNullGraphType<StringGraphType>>("createdAt").Resolve(c => IsoTime.FromUnixSeconds(c.Source.CreatedAt));
    }
}
