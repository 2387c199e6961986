using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class UploadUrlType : ObjectGraphType<UploadUrl>
{
    public UploadUrlType()
    {
        Name = "RunFileUploadUrl";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("uploadUrl").Resolve(c => c.Source.Url);
    }
}
