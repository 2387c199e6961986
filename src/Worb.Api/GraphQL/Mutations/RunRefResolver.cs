using GraphQL;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL.Mutations;

/// <summary>Turns a <see cref="RunRef"/> into a <see cref="RunKey"/>: names win, the id fills gaps, defaults last.</summary>
public sealed class RunRefResolver(RunNaming naming)
{
    public RunKey Resolve(RunRef reference)
    {
        var hasId = GraphIds.TryDecodeRun(reference.Id, out var fromId);
        var run = NonEmpty(reference.RunName) ?? (hasId ? fromId.Run : null)
            ?? throw new ExecutionError("A run name or run id is required.");
        return new RunKey(
            naming.Entity(NonEmpty(reference.EntityName) ?? (hasId ? fromId.Entity : null)),
            RunNaming.Project(NonEmpty(reference.ProjectName) ?? (hasId ? fromId.Project : null)),
            run);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
