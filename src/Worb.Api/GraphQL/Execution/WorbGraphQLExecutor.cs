using System.Diagnostics;
using System.Security.Claims;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Logging;

namespace Worb.Api.GraphQL.Execution;

/// <summary>
/// Runs one GraphQL request: parses it, applies the leniency pass (<see cref="LenientDocumentRewriter"/>), executes
/// the rewritten document and answers the removed fields with <c>null</c>.
/// </summary>
public sealed class WorbGraphQLExecutor
{
    private readonly IDocumentExecuter _executer;
    private readonly LenientDocumentRewriter _rewriter;
    private readonly ILogger<WorbGraphQLExecutor> _logger;

    internal WorbGraphQLExecutor(IDocumentExecuter executer, LenientDocumentRewriter rewriter, ILogger<WorbGraphQLExecutor> logger)
    {
        _executer = executer;
        _rewriter = rewriter;
        _logger = logger;
    }

    /// <summary>Executes <paramref name="request"/> against <paramref name="schema"/>.</summary>
    public async Task<ExecutionResult> ExecuteAsync(
        WorbGraphQLRequest request,
        ISchema schema,
        IServiceProvider requestServices,
        ClaimsPrincipal? user,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(schema);
        var started = Stopwatch.GetTimestamp();
        var operationName = OperationSelector.NormalizeName(request.OperationName);

        var options = new ExecutionOptions
        {
            Schema = schema,
            Query = request.Query,
            Variables = request.Variables ?? Inputs.Empty,
            RequestServices = requestServices,
            User = user,
            CancellationToken = cancellationToken,
            ThrowOnUnhandledException = false,
        };

        LenientRewriteResult? rewrite = null;
        var document = TryParse(request.Query);
        if (document is not null && DocumentSize.IsTooLarge(document))
        {
            return new ExecutionResult(new ExecutionError($"The query has more than {DocumentSize.MaxFields} fields."));
        }
        if (document is not null)
        {
            rewrite = _rewriter.Rewrite(document, operationName, schema);
            options.Document = rewrite.Document;
            if (rewrite.Operation is not null)
            {
                // Derived from the text when the client sent none (Python) or "" (wandb-core's public API).
                operationName = rewrite.Operation.Name?.StringValue;
            }

            if (rewrite.Stats.Any)
            {
                var stats = rewrite.Stats;
                GraphQLLog.Rewritten(_logger, operationName, stats.RemovedFields, stats.RemovedArguments,
                    stats.RemovedInputFields, stats.RemovedFragments, stats.RemovedVariables);
            }
        }

        options.OperationName = operationName;
        var loggedName = operationName;
        options.UnhandledExceptionDelegate = context =>
        {
            GraphQLLog.UnhandledException(_logger, context.OriginalException, loggedName);
            return Task.CompletedTask;
        };

        ExecutionResult result;
        if (rewrite is { OperationEmptied: true })
        {
            // Every root field was unknown: nothing to execute, each of them is answered null.
            result = new ExecutionResult
            {
                Executed = true,
                Data = NullPatchApplier.EmptyOperationData(rewrite.Patch, schema, RootType(schema, rewrite.Operation!)),
            };
        }
        else
        {
            result = await _executer.ExecuteAsync(options).ConfigureAwait(false);
            if (rewrite is not null && !rewrite.Patch.IsEmpty && result.Data is ExecutionNode root)
            {
                NullPatchApplier.Apply(root, rewrite.Patch, schema);
            }
        }

        GraphQLLog.Executed(_logger, operationName, Stopwatch.GetElapsedTime(started).TotalMilliseconds, result.Errors?.Count ?? 0);
        return result;
    }

    private static IObjectGraphType? RootType(ISchema schema, GraphQLOperationDefinition operation) =>
        operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => null,
        };

    /// <summary>Parses like the executer does; <see langword="null"/> for a document with syntax errors.</summary>
    private static GraphQLDocument? TryParse(string query)
    {
        try
        {
            return new GraphQLDocumentBuilder().Build(query);
        }
        catch (ExecutionError)
        {
            // Let the executer parse the text itself, so the syntax error is reported the usual way.
            return null;
        }
    }
}
