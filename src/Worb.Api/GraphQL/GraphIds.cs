using System.Text;
using Worb.Grains.Interfaces;

namespace Worb.Api.GraphQL;

/// <summary>The opaque base64 ids the clients see (<c>Run:v1:&lt;run&gt;:&lt;project&gt;:&lt;entity&gt;</c> etc.).</summary>
public static class GraphIds
{
    public static string Run(RunKey key) => Encode($"Run:v1:{key.Run}:{key.Project}:{key.Entity}");

    public static string Project(string entity, string project) => Encode($"Project:{project}:{entity}");

    public static string Entity(string entity) => Encode($"Entity:{entity}");

    public static string User(string name) => Encode($"User:{name}");

    public static string File(RunKey run, string name) => Encode($"File:{run.Run}:{name}");

    /// <summary>Decodes a run id made by <see cref="Run"/>; false for anything else.</summary>
    public static bool TryDecodeRun(string? id, out RunKey key)
    {
        key = new RunKey(string.Empty, string.Empty, string.Empty);
        var text = TryDecode(id);
        if (text is null)
        {
            return false;
        }
        var parts = text.Split(':');
        if (parts.Length < 5 || parts[0] != "Run" || parts[1] != "v1")
        {
            return false;
        }
        key = new RunKey(parts[^1], string.Join(':', parts[3..^1]), parts[2]);
        return key.Run.Length > 0 && key.Project.Length > 0 && key.Entity.Length > 0;
    }

    public static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string? TryDecode(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }
        var buffer = new byte[id.Length];
        return Convert.TryFromBase64String(id, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : null;
    }
}
