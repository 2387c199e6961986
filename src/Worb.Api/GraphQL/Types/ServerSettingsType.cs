using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

/// <summary>Probed by name (<c>__type(name: "ServerSettings")</c>): listing <c>serverMessages</c> makes the SDK ask for them.</summary>
public sealed class ServerSettingsType : ObjectGraphType<ServerSettings>
{
    public ServerSettingsType()
    {
        Name = "ServerSettings";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServerMessageType>>>>("serverMessages")
            .Resolve(c => c.Source.ServerMessages);
    }
}
