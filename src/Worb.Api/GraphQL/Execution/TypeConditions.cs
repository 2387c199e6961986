using GraphQL.Types;

namespace Worb.Api.GraphQL.Execution;

/// <summary>Answers whether a fragment's type condition applies to an object type of the schema.</summary>
internal static class TypeConditions
{
    /// <summary>
    /// True when an object of <paramref name="objectType"/> matches the condition <paramref name="typeCondition"/>:
    /// the same type, an interface it implements, or a union that contains it. An unknown object type matches.
    /// </summary>
    public static bool Applies(ISchema schema, IObjectGraphType? objectType, string? typeCondition)
    {
        if (typeCondition is null || objectType is null)
        {
            return true;
        }

        if (string.Equals(objectType.Name, typeCondition, StringComparison.Ordinal))
        {
            return true;
        }

        return schema.AllTypes[typeCondition] switch
        {
            IInterfaceGraphType iface => objectType.ResolvedInterfaces.Contains(iface),
            UnionGraphType union => union.PossibleTypes.Contains(objectType),
            _ => false,
        };
    }
}
