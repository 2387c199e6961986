using GraphQL.Types;

namespace Worb.Api.GraphQL.Artifacts;

/// <summary><c>ClientIDMapping</c>: the server id of what the client named by its own id.</summary>
public sealed class ClientIdMappingGraphType : ObjectGraphType<string>
{
    public ClientIdMappingGraphType()
    {
        Name = "ClientIDMapping";
        Field<NonNullGraphType<IdGraphType>>("serverID").Resolve(c => c.Source);
    }
}
