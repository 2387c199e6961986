namespace Worb.Api.Dashboard;

/// <summary>Parses the <c>project=entity/name</c> query parameter the multi-run endpoints take.</summary>
internal static class ProjectPath
{
    public static bool TryParse(string? value, out string entity, out string project, out string? error)
    {
        entity = project = "";
        var parts = value?.Split('/') ?? [];
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
        {
            error = "project must be 'entity/project'.";
            return false;
        }
        (entity, project, error) = (parts[0], parts[1], null);
        return true;
    }
}
