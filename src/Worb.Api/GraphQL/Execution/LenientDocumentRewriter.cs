using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// The leniency pass. Clients of other wandb versions ask for fields, arguments and input fields that this server
/// does not define; instead of failing the whole request, those parts are cut out of the parsed document before it
/// is validated, and every removed field is answered <c>null</c> afterwards (see <see cref="NullPatch"/>).
/// Everything else (syntax errors, wrong argument types of known fields, missing required variables, unknown
/// operation names) is left for the executer to report as usual.
/// </summary>
/// <remarks>
/// The document is changed in place. Only the selected operation is kept, with the fragments it still spreads and
/// the variables it still uses; other operations and unused fragments are dropped.
/// </remarks>
internal sealed class LenientDocumentRewriter
{
    /// <summary>Rewrites <paramref name="document"/> (in place) for executing <paramref name="operationName"/>.</summary>
    public LenientRewriteResult Rewrite(GraphQLDocument document, string? operationName, ISchema schema)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(schema);

        if (!schema.Initialized)
        {
            schema.Initialize();
        }

        var operation = OperationSelector.Select(document, operationName);
        var rootType = operation?.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => null,
        };

        if (operation is null || rootType is null)
        {
            // Unknown operation name, no operation at all, or a root type the schema lacks: the executer reports it.
            return new LenientRewriteResult(document, operation, new NullPatch(), new LenientRewriteStats());
        }

        var pass = new Pass(schema, document);
        var patch = new NullPatch();
        pass.RewriteVariableDefaults(operation);
        pass.RewriteSelectionSet(operation.SelectionSet, rootType, patch, condition: null);
        pass.Prune(operation);
        return new LenientRewriteResult(document, operation, patch, pass.Stats);
    }

    /// <summary>The state of one rewrite.</summary>
    private sealed class Pass
    {
        private readonly ISchema _schema;
        private readonly GraphQLDocument _document;
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
        private readonly Dictionary<string, FragmentState> _fragmentStates = new(StringComparer.Ordinal);

        public Pass(ISchema schema, GraphQLDocument document)
        {
            _schema = schema;
            _document = document;
            foreach (var definition in document.Definitions)
            {
                if (definition is GraphQLFragmentDefinition fragment)
                {
                    _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
                }
            }
        }

        public LenientRewriteStats Stats { get; } = new();

        public void RewriteSelectionSet(GraphQLSelectionSet selectionSet, IGraphType parentType, NullPatch patch, string? condition)
        {
            var selections = selectionSet.Selections;
            var kept = new List<ASTNode>(selections.Count);
            foreach (var selection in selections)
            {
                if (KeepSelection(selection, parentType, patch, condition))
                {
                    kept.Add(selection);
                }
            }

            if (kept.Count != selections.Count)
            {
                selections.Clear();
                selections.AddRange(kept);
            }
        }

        private bool KeepSelection(ASTNode selection, IGraphType parentType, NullPatch patch, string? condition) =>
            selection switch
            {
                GraphQLField field => KeepField(field, parentType, patch, condition),
                GraphQLInlineFragment inline => KeepInlineFragment(inline, parentType, patch, condition),
                GraphQLFragmentSpread spread => KeepFragmentSpread(spread, parentType, patch, condition),
                _ => true,
            };

        private bool KeepField(GraphQLField field, IGraphType parentType, NullPatch patch, string? condition)
        {
            var responseKey = (field.Alias?.Name ?? field.Name).StringValue;
            var definition = FindField(parentType, field.Name);
            if (definition is null)
            {
                Stats.RemovedFields++;
                patch.AddNull(responseKey, condition);
                return false;
            }

            field.Arguments = RewriteArguments(field.Arguments, definition.Arguments);

            if (field.SelectionSet is { } selectionSet && AsComposite(definition.ResolvedType?.GetNamedType()) is { } fieldType)
            {
                var childPatch = new NullPatch();
                RewriteSelectionSet(selectionSet, fieldType, childPatch, condition: null);
                if (selectionSet.Selections.Count == 0)
                {
                    Stats.RemovedFields++;
                    patch.AddNull(responseKey, condition);
                    return false;
                }

                if (!childPatch.IsEmpty)
                {
                    patch.Child(responseKey).MergeFrom(childPatch, typeCondition: null);
                }
            }

            return true;
        }

        private bool KeepInlineFragment(GraphQLInlineFragment inline, IGraphType parentType, NullPatch patch, string? condition)
        {
            var fragmentType = parentType;
            var fragmentCondition = condition;
            if (inline.TypeCondition is { } typeCondition)
            {
                var typeName = typeCondition.Type.Name.StringValue;
                var namedType = _schema.AllTypes[typeName];
                if (namedType is null)
                {
                    // A type this server doesn't know can never match: the fragment contributes nothing.
                    Stats.RemovedFragments++;
                    return false;
                }

                if (AsComposite(namedType) is not { } composite)
                {
                    return true; // e.g. "... on String": invalid, validation reports it
                }

                fragmentType = composite;
                if (!string.Equals(typeName, parentType.Name, StringComparison.Ordinal))
                {
                    fragmentCondition = typeName;
                }
            }

            RewriteSelectionSet(inline.SelectionSet, fragmentType, patch, fragmentCondition);
            return inline.SelectionSet.Selections.Count > 0;
        }

        private bool KeepFragmentSpread(GraphQLFragmentSpread spread, IGraphType parentType, NullPatch patch, string? condition)
        {
            var state = ProcessFragment(spread.FragmentName.Name.StringValue);
            if (state is null)
            {
                return true; // undefined or cyclic fragment: validation reports it
            }

            var spreadCondition = string.Equals(state.TypeCondition, parentType.Name, StringComparison.Ordinal)
                ? condition
                : state.TypeCondition;
            patch.MergeFrom(state.Patch, spreadCondition);
            return !state.Removed;
        }

        /// <summary>Rewrites a fragment definition once, against its own type condition.</summary>
        private FragmentState? ProcessFragment(string name)
        {
            if (_fragmentStates.TryGetValue(name, out var existing))
            {
                return existing.Done ? existing : null;
            }

            if (!_fragments.TryGetValue(name, out var definition))
            {
                return null;
            }

            var typeName = definition.TypeCondition.Type.Name.StringValue;
            var state = new FragmentState(typeName);
            _fragmentStates.Add(name, state);

            var namedType = _schema.AllTypes[typeName];
            if (namedType is null)
            {
                Stats.RemovedFragments++;
                state.Removed = true;
            }
            else if (AsComposite(namedType) is { } composite)
            {
                RewriteSelectionSet(definition.SelectionSet, composite, state.Patch, condition: null);
                if (definition.SelectionSet.Selections.Count == 0)
                {
                    Stats.RemovedFragments++;
                    state.Removed = true;
                }
            }

            state.Done = true;
            return state;
        }

        private FieldType? FindField(IGraphType parentType, GraphQLName name)
        {
            if (name == "__typename")
            {
                return _schema.TypeNameMetaFieldType;
            }

            if (ReferenceEquals(parentType, _schema.Query))
            {
                if (name == "__schema")
                {
                    return _schema.SchemaMetaFieldType;
                }

                if (name == "__type")
                {
                    return _schema.TypeMetaFieldType;
                }
            }

            return parentType is IComplexGraphType complex and not IInputObjectGraphType
                ? complex.GetField(name.Value)
                : null;
        }

        private static IGraphType? AsComposite(IGraphType? type) =>
            type switch
            {
                IInputObjectGraphType => null,
                IComplexGraphType or IAbstractGraphType => type,
                _ => null,
            };

        private GraphQLArguments? RewriteArguments(GraphQLArguments? arguments, QueryArguments? definitions)
        {
            if (arguments is null)
            {
                return null;
            }

            var removed = arguments.Items.RemoveAll(argument => definitions?.Find(argument.Name.Value) is null);
            Stats.RemovedArguments += removed;
            foreach (var argument in arguments.Items)
            {
                RewriteValue(argument.Value, definitions!.Find(argument.Name.Value)!.ResolvedType);
            }

            return arguments.Items.Count == 0 ? null : arguments;
        }

        /// <summary>Drops input-object fields the input type doesn't define, recursively.</summary>
        private void RewriteValue(GraphQLValue value, IGraphType? type)
        {
            while (type is NonNullGraphType nonNull)
            {
                type = nonNull.ResolvedType;
            }

            switch (type)
            {
                case ListGraphType list when value is GraphQLListValue { Values: { } items }:
                    foreach (var item in items)
                    {
                        RewriteValue(item, list.ResolvedType);
                    }

                    break;
                case ListGraphType list:
                    RewriteValue(value, list.ResolvedType); // a single value coerced to a list
                    break;
                case IInputObjectGraphType inputType when value is GraphQLObjectValue { Fields: { } fields }:
                    Stats.RemovedInputFields += fields.RemoveAll(field => inputType.GetField(field.Name.Value) is null);
                    foreach (var field in fields)
                    {
                        RewriteValue(field.Value, inputType.GetField(field.Name.Value)!.ResolvedType);
                    }

                    break;
            }
        }

        /// <summary>Drops unknown input fields from the default values of variable definitions.</summary>
        public void RewriteVariableDefaults(GraphQLOperationDefinition operation)
        {
            if (operation.Variables is not { } variables)
            {
                return;
            }

            foreach (var variable in variables.Items)
            {
                if (variable.DefaultValue is { } defaultValue)
                {
                    RewriteValueByAstType(defaultValue, variable.Type);
                }
            }
        }

        private void RewriteValueByAstType(GraphQLValue value, GraphQLType type)
        {
            switch (type)
            {
                case GraphQLNonNullType nonNull:
                    RewriteValueByAstType(value, nonNull.Type);
                    break;
                case GraphQLListType list when value is GraphQLListValue { Values: { } items }:
                    foreach (var item in items)
                    {
                        RewriteValueByAstType(item, list.Type);
                    }

                    break;
                case GraphQLListType list:
                    RewriteValueByAstType(value, list.Type);
                    break;
                case GraphQLNamedType named:
                    RewriteValue(value, _schema.AllTypes[named.Name.StringValue]);
                    break;
            }
        }

        /// <summary>
        /// Keeps only <paramref name="operation"/>, the fragments it still spreads and the variables it still uses
        /// (GraphQL rejects unused fragments and variables).
        /// </summary>
        public void Prune(GraphQLOperationDefinition operation)
        {
            var usage = new UsageCollector(_fragments);
            usage.Collect(operation);

            if (operation.Variables is { } variables)
            {
                Stats.RemovedVariables += variables.Items.RemoveAll(
                    variable => !usage.Variables.Contains(variable.Variable.Name.StringValue));
                if (variables.Items.Count == 0)
                {
                    operation.Variables = null;
                }
            }

            var kept = new List<ASTNode>(_document.Definitions.Count);
            foreach (var definition in _document.Definitions)
            {
                var keep = definition switch
                {
                    GraphQLOperationDefinition other => ReferenceEquals(other, operation),
                    GraphQLFragmentDefinition fragment => usage.Fragments.Contains(fragment),
                    _ => true, // type-system definitions: validation reports them
                };
                if (keep)
                {
                    kept.Add(definition);
                }
            }

            if (kept.Count != _document.Definitions.Count)
            {
                _document.Definitions.Clear();
                _document.Definitions.AddRange(kept);
            }
        }
    }

    /// <summary>What the pass made of one fragment definition.</summary>
    private sealed class FragmentState(string typeCondition)
    {
        public string TypeCondition { get; } = typeCondition;

        public NullPatch Patch { get; } = new();

        /// <summary>True when every selection of the fragment was removed (or its type is unknown).</summary>
        public bool Removed { get; set; }

        /// <summary>False while the fragment is being rewritten (a spread of it then is a cycle).</summary>
        public bool Done { get; set; }
    }

    /// <summary>Finds the variables and fragment definitions an operation (transitively) uses.</summary>
    private sealed class UsageCollector(IReadOnlyDictionary<string, GraphQLFragmentDefinition> fragments)
    {
        public HashSet<string> Variables { get; } = new(StringComparer.Ordinal);

        public HashSet<GraphQLFragmentDefinition> Fragments { get; } = new(ReferenceEqualityComparer.Instance);

        public void Collect(GraphQLOperationDefinition operation)
        {
            CollectDirectives(operation.Directives);
            CollectSelectionSet(operation.SelectionSet);
        }

        private void CollectSelectionSet(GraphQLSelectionSet selectionSet)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        CollectDirectives(field.Directives);
                        CollectArguments(field.Arguments);
                        if (field.SelectionSet is { } children)
                        {
                            CollectSelectionSet(children);
                        }

                        break;
                    case GraphQLInlineFragment inline:
                        CollectDirectives(inline.Directives);
                        CollectSelectionSet(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread:
                        CollectDirectives(spread.Directives);
                        if (fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && Fragments.Add(fragment))
                        {
                            CollectDirectives(fragment.Directives);
                            CollectSelectionSet(fragment.SelectionSet);
                        }

                        break;
                }
            }
        }

        private void CollectDirectives(GraphQLDirectives? directives)
        {
            if (directives is null)
            {
                return;
            }

            foreach (var directive in directives.Items)
            {
                CollectArguments(directive.Arguments);
            }
        }

        private void CollectArguments(GraphQLArguments? arguments)
        {
            if (arguments is null)
            {
                return;
            }

            foreach (var argument in arguments.Items)
            {
                CollectValue(argument.Value);
            }
        }

        private void CollectValue(GraphQLValue value)
        {
            switch (value)
            {
                case GraphQLVariable variable:
                    Variables.Add(variable.Name.StringValue);
                    break;
                case GraphQLListValue { Values: { } items }:
                    foreach (var item in items)
                    {
                        CollectValue(item);
                    }

                    break;
                case GraphQLObjectValue { Fields: { } fields }:
                    foreach (var field in fields)
                    {
                        CollectValue(field.Value);
                    }

                    break;
            }
        }
    }
}

/// <summary>The outcome of <see cref="LenientDocumentRewriter.Rewrite"/>.</summary>
/// <param name="Document">The (rewritten) document to execute.</param>
/// <param name="Operation">The operation that will be executed; <see langword="null"/> when none matched.</param>
/// <param name="Patch">The response keys to answer <c>null</c>, relative to the operation's root.</param>
/// <param name="Stats">What was removed.</param>
internal sealed record LenientRewriteResult(
    GraphQLDocument Document,
    GraphQLOperationDefinition? Operation,
    NullPatch Patch,
    LenientRewriteStats Stats)
{
    /// <summary>True when every root field of the operation was removed: nothing is left to execute.</summary>
    public bool OperationEmptied => Operation is { SelectionSet.Selections.Count: 0 };
}

/// <summary>Counts of what the leniency pass removed, for logging.</summary>
internal sealed class LenientRewriteStats
{
    public int RemovedFields { get; set; }

    public int RemovedArguments { get; set; }

    public int RemovedInputFields { get; set; }

    public int RemovedFragments { get; set; }

    public int RemovedVariables { get; set; }

    public bool Any => RemovedFields + RemovedArguments + RemovedInputFields + RemovedFragments + RemovedVariables > 0;
}
