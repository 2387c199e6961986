using GraphQL.Types;

namespace Worb.Api.GraphQL.Types;

/// <summary>An organization. Worb has none (<c>entity.organization</c> is always null); the type exists for the schema.</summary>
public sealed class OrganizationType : ObjectGraphType<string>
{
    public OrganizationType()
    {
        Name = "Organization";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GraphIds.Encode("Organization:" + c.Source));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source);
        Field<StringGraphType>("coreWeaveOrganizationId").Resolve(_ => null);
    }
}
