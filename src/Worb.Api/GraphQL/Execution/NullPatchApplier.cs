using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// Puts <c>null</c> answers for the fields the leniency pass removed into an executed result tree, before it is
/// serialized. Walks lists (every element gets the nulls) and skips objects that are themselves null.
/// </summary>
internal static class NullPatchApplier
{
    /// <summary>Patches the execution tree rooted at <paramref name="root"/> (the result's data).</summary>
    public static void Apply(ExecutionNode root, NullPatch patch, ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!patch.IsEmpty)
        {
            ApplyTo(root, patch, schema, new Dictionary<string, NullField>(StringComparer.Ordinal));
        }
    }

    /// <summary>The data of an operation whose root fields were all removed: each key answered null.</summary>
    public static Dictionary<string, object?> EmptyOperationData(NullPatch patch, ISchema schema, IObjectGraphType? rootType)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var removed in patch.Nulls)
        {
            if (TypeConditions.Applies(schema, rootType, removed.TypeCondition))
            {
                data.TryAdd(removed.ResponseKey, null);
            }
        }

        return data;
    }

    private static void ApplyTo(ExecutionNode node, NullPatch patch, ISchema schema, Dictionary<string, NullField> nullFields)
    {
        switch (node)
        {
            case ArrayExecutionNode { Items: { } items }:
                foreach (var item in items)
                {
                    ApplyTo(item, patch, schema, nullFields);
                }

                break;
            case ObjectExecutionNode { SubFields: { } subFields } objectNode:
                ApplyToObject(objectNode, subFields, patch, schema, nullFields);
                break;
        }
    }

    private static void ApplyToObject(
        ObjectExecutionNode node,
        ExecutionNode[] subFields,
        NullPatch patch,
        ISchema schema,
        Dictionary<string, NullField> nullFields)
    {
        foreach (var (key, childPatch) in patch.Children)
        {
            var child = FindChild(subFields, key);
            if (child is not null)
            {
                ApplyTo(child, childPatch, schema, nullFields);
            }
        }

        var objectType = patch.HasConditions ? node.GetObjectGraphType(schema) : null;
        List<ExecutionNode>? added = null;
        foreach (var removed in patch.Nulls)
        {
            if (!TypeConditions.Applies(schema, objectType, removed.TypeCondition) || FindChild(subFields, removed.ResponseKey) is not null)
            {
                continue;
            }

            if (!nullFields.TryGetValue(removed.ResponseKey, out var nullField))
            {
                nullField = NullField.Create(removed.ResponseKey);
                nullFields.Add(removed.ResponseKey, nullField);
            }

            added ??= [];
            added.Add(new NullExecutionNode(node, node.GraphType, nullField.Field, nullField.Definition, indexInParentNode: null));
        }

        if (added is not null)
        {
            node.SubFields = [.. subFields, .. added];
        }
    }

    private static ExecutionNode? FindChild(ExecutionNode[] subFields, string responseKey)
    {
        foreach (var child in subFields)
        {
            if (string.Equals(child.Name, responseKey, StringComparison.Ordinal))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The AST field and field definition a synthetic null node carries (only its name is used).</summary>
    private sealed record NullField(GraphQLField Field, FieldType Definition)
    {
        public static NullField Create(string responseKey)
        {
            var name = new GraphQLName(responseKey);
            var field = new GraphQLField(name) { Alias = new GraphQLAlias(name) };
            // The node's name comes from the alias; FieldType.Name is not set because the name validator rejects
            // some keys a client may send (e.g. "__new").
            return new NullField(field, new FieldType());
        }
    }
}
