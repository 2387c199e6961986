using System.Text.Encodings.Web;
using System.Text.Json;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>How recorded JSON bodies are written back to bytes: compact, non-ASCII kept as is.</summary>
public static class RecordedJson
{
    public static JsonSerializerOptions WriteOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };
}
