using GraphQL.Types;
using Worb.Api.GraphQL.Models;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Types;

/// <summary>
/// <c>serverInfo</c>. The Python client only asks for <c>cliVersionInfo</c>/<c>latestLocalVersionInfo</c> when the
/// capability probe lists them; wandb-core reads <c>features</c> (an empty list: every feature off).
/// </summary>
public sealed class ServerInfoType : ObjectGraphType<ServerInfo>
{
    public ServerInfoType()
    {
        Name = "ServerInfo";
        // The SDK skips alerts unless max_cli_version is at least 0.10.9.
        Field<JsonGraphType>("cliVersionInfo")
            .Resolve(_ => new RawJson("{\"max_cli_version\": \"0.99.0\", \"min_cli_version\": \"0.10.0\"}"));
        Field<NonNullGraphType<LocalVersionInfoType>>("latestLocalVersionInfo")
            .Resolve(c => new LocalVersionInfo(false, c.Source.Version, c.Source.Version));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ServerFeatureType>>>>("features")
            .Resolve(_ => Array.Empty<ServerFeature>());
    }
}
