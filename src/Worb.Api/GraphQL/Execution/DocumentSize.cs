using GraphQLParser.AST;

namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// Bounds the size of a GraphQL document before validation: checking that fields can be merged is quadratic in
/// the number of fields, so a few hundred kilobytes of repeated fields would keep a core busy for minutes. The
/// largest query a wandb client sends has a few hundred fields.
/// </summary>
internal static class DocumentSize
{
    public const int MaxFields = 2000;

    /// <summary>Whether the document has more than <see cref="MaxFields"/> fields (counting stops there).</summary>
    public static bool IsTooLarge(GraphQLDocument document)
    {
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            var selections = definition switch
            {
                GraphQLOperationDefinition operation => operation.SelectionSet,
                GraphQLFragmentDefinition fragment => fragment.SelectionSet,
                _ => null,
            };
            if (Count(selections, ref count))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Count(GraphQLSelectionSet? selections, ref int count)
    {
        if (selections is null)
        {
            return false;
        }
        foreach (var selection in selections.Selections)
        {
            var nested = selection switch
            {
                GraphQLField field => field.SelectionSet,
                GraphQLInlineFragment fragment => fragment.SelectionSet,
                _ => null,
            };
            if (++count > MaxFields || Count(nested, ref count))
            {
                return true;
            }
        }
        return false;
    }
}
