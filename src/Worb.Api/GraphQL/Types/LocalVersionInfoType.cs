using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class LocalVersionInfoType : ObjectGraphType<LocalVersionInfo>
{
    public LocalVersionInfoType()
    {
        Name = "LocalVersionInfo";
        Field<NonNullGraphType<BooleanGraphType>>("outOfDate").Resolve(c => c.Source.OutOfDate);
        Field<StringGraphType>("latestVersionString").Resolve(c => c.Source.LatestVersionString);
        Field<StringGraphType>("versionOnThisInstanceString").Resolve(c => c.Source.VersionOnThisInstanceString);
    }
}
