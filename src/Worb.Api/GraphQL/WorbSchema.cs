using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Worb.Api.GraphQL.Types;

namespace Worb.Api.GraphQL;

/// <summary>
/// The GraphQL schema the wandb clients talk to. Root types are named <c>Query</c> and <c>Mutation</c>. JSON-typed
/// fields return <see cref="Scalars.RawJson"/>: serialize results with <see cref="Scalars.RawJsonConverter"/>.
/// </summary>
public sealed class WorbSchema : Schema
{
    public WorbSchema(IServiceProvider services)
        : base(services)
    {
        Query = services.GetRequiredService<QueryType>();
        Mutation = services.GetRequiredService<MutationType>();
    }
}
