using System.Text.Json;

namespace Worb.Grains.Protocol;

/// <summary>
/// Parses and validates a file_stream body. Every line that will be stored is checked here, on the hot path, so
/// that a chunk is either accepted whole or refused whole with a message that says what is wrong.
/// </summary>
public static class FileStreamParser
{
    /// <summary>Highest line offset accepted; beyond it an offset is a client bug, not a run.</summary>
    public const long MaxOffset = int.MaxValue;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = JsonLineScanner.MaxDepth };

    /// <summary>
    /// Parses a body. <paramref name="validateLines"/> checks every history, summary and events line (the hot path
    /// does); the store skips it for bodies read back from the write-ahead log, which were checked on the way in.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out FileStreamRequest request, out string? error, bool validateLines = true)
    {
        request = new FileStreamRequest();
        try
        {
            using var document = JsonDocument.Parse(body, DocumentOptions);
            error = Read(document.RootElement, request, validateLines);
        }
        catch (JsonException e)
        {
            error = $"the body is not valid JSON: {e.Message}";
        }
        catch (InvalidOperationException e) when (e.InnerException is System.Text.DecoderFallbackException)
        {
            error = "the body is not valid UTF-8";
        }
        return error is null;
    }

    private static string? Read(JsonElement root, FileStreamRequest request, bool validateLines)
    {
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return "the body must be a JSON object";
        }
        foreach (var property in root.EnumerateObject())
        {
            var error = property.Name switch
            {
                "files" => ReadFiles(property.Value, request, validateLines),
                "complete" => ReadBool(property, value => request.Complete = value),
                "preempting" => ReadBool(property, value => request.Preempting = value),
                "failed" => ReadBool(property, _ => { }),
                "exitcode" => ReadExitCode(property.Value, request),
                "dropped" => ReadDropped(property.Value, request),
                "uploaded" => ReadUploaded(property.Value, request),
                _ => null, // newer clients may add keys; ignore them
            };
            if (error is not null)
            {
                return error;
            }
        }
        return null;
    }

    private static string? ReadFiles(JsonElement files, FileStreamRequest request, bool validateLines)
    {
        if (files.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }
        if (files.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return "'files' must be an object of file name to {offset, content}";
        }
        foreach (var file in files.EnumerateObject())
        {
            if (file.Name.Length == 0)
            {
                return "'files' has an empty file name";
            }
            // The legacy client may send output.log as a list of {offset, content} objects.
            if (file.Value.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var part in file.Value.EnumerateArray())
                {
                    var error = ReadChunk(file.Name, part, request, validateLines);
                    if (error is not null)
                    {
                        return error;
                    }
                }
                continue;
            }
            var chunkError = ReadChunk(file.Name, file.Value, request, validateLines);
            if (chunkError is not null)
            {
                return chunkError;
            }
        }
        return null;
    }

    private static string? ReadChunk(string name, JsonElement chunk, FileStreamRequest request, bool validateLines)
    {
        if (chunk.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return $"files['{name}'] must be an object {{offset, content}}";
        }
        if (!chunk.TryGetProperty("offset", out var offsetElement) || !TryGetInteger(offsetElement, out var offset))
        {
            return $"files['{name}'].offset must be an integer";
        }
        if (offset < 0 || offset > MaxOffset)
        {
            return $"files['{name}'].offset {offset} is out of range (0..{MaxOffset})";
        }
        if (!chunk.TryGetProperty("content", out var content) || content.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return $"files['{name}'].content must be a list of strings";
        }
        var lines = new List<string>(content.GetArrayLength());
        foreach (var item in content.EnumerateArray())
        {
            if (item.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                return $"files['{name}'].content[{lines.Count}] must be a string";
            }
            var line = item.GetString()!;
            var lineError = validateLines ? ValidateLine(name, line) : null;
            if (lineError is not null)
            {
                return $"files['{name}'] line {offset + lines.Count}: {lineError}";
            }
            lines.Add(line);
        }
        if (offset + lines.Count > MaxOffset)
        {
            return $"files['{name}'] runs past the largest offset {MaxOffset}";
        }
        if (name == FileStreamFiles.Summary && lines.Count > 1)
        {
            return $"files['{name}'] must carry exactly one line (the whole summary)";
        }
        request.Files.Add(new FileChunk(name, offset, lines));
        return null;
    }

    /// <summary>History, summary and events lines must each be one (extended) JSON object.</summary>
    private static string? ValidateLine(string fileName, string line)
    {
        if (fileName is not (FileStreamFiles.History or FileStreamFiles.Summary or FileStreamFiles.Events))
        {
            return null;
        }
        return JsonLineScanner.IsObject(line, out var error) ? null : error;
    }

    private static string? ReadBool(JsonProperty property, Action<bool> set)
    {
        switch (property.Value.ValueKind)
        {
            case System.Text.Json.JsonValueKind.True:
                set(true);
                return null;
            case System.Text.Json.JsonValueKind.False:
            case System.Text.Json.JsonValueKind.Null:
                set(false);
                return null;
            default:
                return $"'{property.Name}' must be true or false";
        }
    }

    private static string? ReadExitCode(JsonElement value, FileStreamRequest request)
    {
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }
        if (!TryGetInteger(value, out var exitCodeValue) || exitCodeValue is < int.MinValue or > int.MaxValue)
        {
            return "'exitcode' must be an integer";
        }
        request.ExitCode = (int)exitCodeValue;
        return null;
    }

    private static string? ReadDropped(JsonElement value, FileStreamRequest request)
    {
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }
        if (!TryGetInteger(value, out var dropped) || dropped < 0)
        {
            return "'dropped' must be a non-negative integer";
        }
        request.Dropped = dropped;
        return null;
    }

    private static string? ReadUploaded(JsonElement value, FileStreamRequest request)
    {
        if (value.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return "'uploaded' must be a list of file names";
        }
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != System.Text.Json.JsonValueKind.String)
            {
                return "'uploaded' must be a list of file names";
            }
            request.Uploaded.Add(item.GetString()!);
        }
        return null;
    }

    private static bool TryGetInteger(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == System.Text.Json.JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
