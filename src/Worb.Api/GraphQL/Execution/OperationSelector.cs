using GraphQLParser.AST;

namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// Picks the operation of a document that a request executes. The Python client sends no <c>operationName</c> and
/// wandb-core may send <c>""</c>: then the operation is taken from the query text.
/// </summary>
internal static class OperationSelector
{
    /// <summary>
    /// The operation named <paramref name="operationName"/>; when that is <see langword="null"/> or empty, the only
    /// operation of the document, or the first one when there are several. <see langword="null"/> when the document
    /// has no such operation (the executer then reports the error).
    /// </summary>
    public static GraphQLOperationDefinition? Select(GraphQLDocument document, string? operationName)
    {
        var wanted = NormalizeName(operationName);
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (wanted is null || (operation.Name is { } name && name == wanted))
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>Treats an empty or blank operation name as absent.</summary>
    public static string? NormalizeName(string? operationName) =>
        string.IsNullOrWhiteSpace(operationName) ? null : operationName;
}
