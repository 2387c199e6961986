using Microsoft.Extensions.Options;
using Worb.Grains;

namespace Worb.Api.GraphQL;

/// <summary>Fills in the names a client leaves out: the default entity and the default project.</summary>
public sealed class RunNaming(IOptions<WorbOptions> options)
{
    public const string DefaultProject = "uncategorized";

    public string DefaultEntity => options.Value.Entity;

    public string Entity(string? entity) => string.IsNullOrEmpty(entity) ? options.Value.Entity : entity;

    public static string Project(string? project) => string.IsNullOrEmpty(project) ? DefaultProject : project;
}
