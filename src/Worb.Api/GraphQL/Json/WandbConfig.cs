namespace Worb.Api.GraphQL.Json;

/// <summary>
/// Extracts the <c>_wandb</c> entry of a run config, as stored by the Python client
/// (<c>{"_wandb": {"desc": null, "value": {...}}}</c>) or plain (<c>{"_wandb": {...}}</c>).
/// </summary>
public static class WandbConfig
{
    /// <summary>A JSON object text with the <c>_wandb</c> members named in <paramref name="keys"/> (all when null).</summary>
    public static string Select(string? config, IReadOnlyCollection<string>? keys)
    {
        var members = LenientObjectReader.ReadMembers(config);
        var wandb = members is null ? null : LenientObjectReader.GetRawValue(members, "_wandb");
        var wandbMembers = LenientObjectReader.ReadMembers(wandb);
        if (wandbMembers is null)
        {
            return "{}";
        }
        var wrapped = LenientObjectReader.GetRawValue(wandbMembers, "value");
        var valueMembers = wrapped is null ? wandbMembers : LenientObjectReader.ReadMembers(wrapped);
        if (valueMembers is null)
        {
            return "{}";
        }
        var selected = keys is null ? valueMembers : valueMembers.Where(m => keys.Contains(m.Name));
        return JsonRender.Object(selected);
    }
}
