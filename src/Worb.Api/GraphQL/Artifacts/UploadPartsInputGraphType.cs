using GraphQL.Types;
using Worb.Api.GraphQL.Scalars;

namespace Worb.Api.GraphQL.Artifacts;

public sealed class UploadPartsInputGraphType : InputObjectGraphType<UploadPartsInput>
{
    public UploadPartsInputGraphType()
    {
        Name = "UploadPartsInput";
        Field<NonNullGraphType<Int64GraphType>>("partNumber");
        Field<NonNullGraphType<StringGraphType>>("hexMD5");
    }
}
