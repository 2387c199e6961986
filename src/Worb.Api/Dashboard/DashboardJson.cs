using System.Text.Json;
using System.Text.Json.Serialization;

namespace Worb.Api.Dashboard;

/// <summary>How the dashboard API writes JSON: camelCase names, nulls left out.</summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
