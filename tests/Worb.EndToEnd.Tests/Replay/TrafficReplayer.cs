using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.Infrastructure;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>
/// Replays a recording request by request against a running host. Everything that depends on the server is taken
/// from the server's own answers, never from the recording's: the entity (UpsertBucket answers), the upload URLs
/// (CreateRunFiles / RunUploadUrls answers, matched by file name) and the Authorization header (a test key).
/// Artifact traffic (PROTOCOL.md §10) uses the server's artifact ids and its upload and download URLs (from
/// CreateArtifactFiles / CreateArtifactManifest / currentManifest / ArtifactFileURLs answers, by file name), and every
/// artifact download must return exactly the bytes an earlier replayed PUT uploaded to the same recorded URL.
/// Bodies are otherwise sent as recorded. Every replayed request must get a 2xx, and GraphQL answers must have
/// data and no errors.
/// </summary>
public sealed class TrafficReplayer(WorbHostProcess host)
{
    public async Task<ReplayLog> ReplayAsync(TrafficRecording recording, ReplayOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ReplayOptions();
        var log = new ReplayLog(recording) { Entity = options.KnownEntity };
        var recordedEntity = recording.RecordedEntity;
        var uploadTargets = new Dictionary<(string Run, string File), UploadTarget>();
        var artifacts = new ArtifactReplayState(recording);

        foreach (var record in recording.Records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var skipReason = SpineScope.SkipReason(record);
            if (skipReason is null && options.Include is not null && !options.Include(record))
            {
                skipReason = "left out by the test";
            }
            if (skipReason is not null)
            {
                log.Skip(record, skipReason);
                continue;
            }

            ReplayedExchange exchange;
            if (record.IsGraphQl)
            {
                exchange = await SendGraphQlAsync(record, recordedEntity, log.Entity, artifacts, cancellationToken);
                Learn(record, exchange, log, uploadTargets);
                artifacts.Learn(record, exchange.ResponseJson);
            }
            else if (record.IsFileStream)
            {
                exchange = await SendFileStreamAsync(record, recordedEntity, log.Entity, cancellationToken);
            }
            else if (record.IsArtifactTransfer)
            {
                var transferred = await SendArtifactTransferAsync(record, artifacts, log, cancellationToken);
                if (transferred is null)
                {
                    continue;
                }
                exchange = transferred;
            }
            else if (record.IsUpload)
            {
                exchange = await SendUploadAsync(record, uploadTargets, log, cancellationToken);
            }
            else
            {
                throw new ReplayFailedException($"{recording.Name} {record}: no replay rule for this request.");
            }
            log.Add(exchange);
        }
        return log;
    }

    private async Task<ReplayedExchange> SendGraphQlAsync(
        TrafficRecord record, string? recordedEntity, string? entity, ArtifactReplayState artifacts, CancellationToken cancellationToken)
    {
        var body = record.Body?.DeepClone() as JsonObject
            ?? throw new ReplayFailedException($"{record}: GraphQL body is not a JSON object.");
        if (body["variables"] is JsonObject variables && recordedEntity is not null && entity is not null)
        {
            foreach (var key in new[] { "entity", "entityName" })
            {
                if (variables[key] is JsonValue value && value.TryGetValue<string>(out var text) && text == recordedEntity)
                {
                    variables[key] = entity;
                }
            }
            artifacts.RewriteIds(variables);
            artifacts.PrepareManifest(record, variables);
        }
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(RecordedJson.WriteOptions));
        var exchange = await SendAsync(record, HttpMethod.Post, host.Url("/graphql"), bytes, withAuthorization: true, contentType: "application/json", cancellationToken);

        var answer = exchange.ResponseJson as JsonObject
            ?? throw Failure(exchange, "the GraphQL answer is not a JSON object");
        if (answer["errors"] is JsonArray { Count: > 0 })
        {
            throw Failure(exchange, "the GraphQL answer has errors");
        }
        if (answer["data"] is not JsonObject)
        {
            throw Failure(exchange, "the GraphQL answer has no data");
        }
        return exchange;
    }

    private Task<ReplayedExchange> SendFileStreamAsync(TrafficRecord record, string? recordedEntity, string? entity, CancellationToken cancellationToken)
    {
        var (recordEntity, project, run) = record.FileStreamTarget();
        if (recordEntity == recordedEntity)
        {
            recordEntity = entity ?? throw new ReplayFailedException($"{record}: file_stream before any UpsertBucket answer told the entity.");
        }
        var path = $"/files/{Uri.EscapeDataString(recordEntity)}/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(run)}/file_stream";
        return SendCheckedJsonAsync(record, host.Url(path), record.BodyBytes(), cancellationToken);
    }

    private async Task<ReplayedExchange> SendCheckedJsonAsync(TrafficRecord record, Uri url, byte[] body, CancellationToken cancellationToken)
    {
        var exchange = await SendAsync(record, HttpMethod.Post, url, body, withAuthorization: true, contentType: "application/json", cancellationToken);
        if (exchange.ResponseJson is not JsonObject)
        {
            throw Failure(exchange, "the file_stream answer is not a JSON object");
        }
        return exchange;
    }

    /// <summary>
    /// A recorded artifact PUT or GET, sent to the URL the server handed out for it. Null (skipped) for a PUT the
    /// server said is not needed. A GET must answer the bytes a replayed PUT sent to the same recorded URL.
    /// </summary>
    private async Task<ReplayedExchange?> SendArtifactTransferAsync(TrafficRecord record, ArtifactReplayState artifacts, ReplayLog log, CancellationToken cancellationToken)
    {
        if (!artifacts.TryGetUrl(record, out var url))
        {
            throw new ReplayFailedException($"{record}: no answer of the server handed out a URL for this artifact {(record.Method == "PUT" ? "upload" : "download")}.");
        }
        if (url is null)
        {
            log.Skip(record, "the server needs no upload of these bytes (stored already)");
            return null;
        }
        if (record.Method == "PUT")
        {
            var bytes = artifacts.UploadBytes(record);
            var put = await SendAsync(record, HttpMethod.Put, new Uri(url, UriKind.Absolute), bytes, withAuthorization: false, contentType: null, cancellationToken);
            artifacts.RememberPut(record, bytes);
            return put;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Absolute));
        if (record.Header("User-Agent") is { } userAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var exchange = new ReplayedExchange(record, request.RequestUri!, [], response.StatusCode, Encoding.UTF8.GetString(body), null);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(exchange, $"HTTP {(int)response.StatusCode}, expected 2xx");
        }
        var uploaded = artifacts.PutBytes(record) ?? throw Failure(exchange, "no replayed PUT uploaded to this recorded URL, so the download cannot be compared");
        if (!uploaded.AsSpan().SequenceEqual(body))
        {
            throw Failure(exchange, $"the download ({body.Length} bytes) differs from the {uploaded.Length} bytes uploaded");
        }
        log.RecordArtifactDownload(record, body);
        return exchange;
    }

    private async Task<ReplayedExchange> SendUploadAsync(
        TrafficRecord record,
        Dictionary<(string Run, string File), UploadTarget> uploadTargets,
        ReplayLog log,
        CancellationToken cancellationToken)
    {
        // Match the recorded PUT to the file the server handed an upload URL for: by run id and file name when the
        // recorded path ends with ".../<run>/<name>", else by file name alone; the longest name wins.
        var match = uploadTargets
            .Where(t => record.Path.EndsWith("/" + t.Key.Run + "/" + t.Key.File, StringComparison.Ordinal))
            .OrderByDescending(t => t.Key.File.Length)
            .Concat(uploadTargets
                .Where(t => record.Path.EndsWith("/" + t.Key.File, StringComparison.Ordinal))
                .OrderByDescending(t => t.Key.File.Length))
            .Select(t => (KeyValuePair<(string Run, string File), UploadTarget>?)t)
            .FirstOrDefault()
            ?? throw new ReplayFailedException($"{record}: no CreateRunFiles answer handed out an upload URL for this file.");

        var bytes = record.BodyBytes();
        var exchange = await SendAsync(record, HttpMethod.Put, match.Value.Url, bytes, withAuthorization: false, contentType: null, cancellationToken, match.Value.Headers);
        log.RecordUpload(match.Key.Run, match.Key.File, bytes);
        return exchange;
    }

    private async Task<ReplayedExchange> SendAsync(
        TrafficRecord record,
        HttpMethod method,
        Uri url,
        byte[] body,
        bool withAuthorization,
        string? contentType,
        CancellationToken cancellationToken,
        IReadOnlyList<KeyValuePair<string, string>>? extraHeaders = null)
    {
        using var request = new HttpRequestMessage(method, url);
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(record.Header("Content-Type") ?? contentType);
        }
        request.Content = content;
        if (record.Header("User-Agent") is { } userAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        }
        if (withAuthorization && record.HadAuthorization)
        {
            request.Headers.Authorization = TestCredentials.BasicAuthorization;
        }
        foreach (var (name, value) in extraHeaders ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await host.HttpClient.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Not JSON (uploads may answer with anything); checked by the callers that need JSON.
        }
        var exchange = new ReplayedExchange(record, url, body, response.StatusCode, text, json);
        if ((int)response.StatusCode is < 200 or > 299)
        {
            throw Failure(exchange, $"HTTP {(int)response.StatusCode}, expected 2xx");
        }
        return exchange;
    }

    private void Learn(TrafficRecord record, ReplayedExchange exchange, ReplayLog log, Dictionary<(string Run, string File), UploadTarget> uploadTargets)
    {
        var data = exchange.ResponseJson?["data"];
        switch (record.OperationName)
        {
            case "Viewer":
                // The client takes its default entity from the viewer, as the SDK does before its first upsert.
                if (data?["viewer"]?["entity"]?.GetValue<string>() is { Length: > 0 } viewerEntity)
                {
                    log.Entity ??= viewerEntity;
                }
                break;
            case "UpsertBucket":
                var entity = data?["upsertBucket"]?["bucket"]?["project"]?["entity"]?["name"]?.GetValue<string>();
                if (string.IsNullOrEmpty(entity))
                {
                    throw Failure(exchange, "UpsertBucket answer without bucket.project.entity.name");
                }
                log.Entity = entity;
                break;
            case "CreateRunFiles":
                var run = record.Variables["run"]?.GetValue<string>() ?? "";
                var created = data?["createRunFiles"] ?? throw Failure(exchange, "CreateRunFiles answer without createRunFiles");
                var headers = ParseUploadHeaders(created["uploadHeaders"]);
                foreach (var file in created["files"]?.AsArray() ?? [])
                {
                    AddTarget(uploadTargets, run, file?["name"]?.GetValue<string>(), file?["uploadUrl"]?.GetValue<string>(), headers, exchange);
                }
                break;
            case "RunUploadUrls":
                var bucketRun = record.Variables["name"]?.GetValue<string>() ?? record.Variables["run"]?.GetValue<string>() ?? "";
                var files = data?["model"]?["bucket"]?["files"];
                var uploadHeaders = ParseUploadHeaders(files?["uploadHeaders"]);
                foreach (var edge in files?["edges"]?.AsArray() ?? [])
                {
                    AddTarget(uploadTargets, bucketRun, edge?["node"]?["name"]?.GetValue<string>(), edge?["node"]?["url"]?.GetValue<string>(), uploadHeaders, exchange);
                }
                break;
        }
    }

    private void AddTarget(
        Dictionary<(string Run, string File), UploadTarget> uploadTargets,
        string run,
        string? name,
        string? url,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        ReplayedExchange exchange)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(url))
        {
            throw Failure(exchange, "a file entry without name or upload URL");
        }
        var absolute = url.StartsWith('/') ? host.Url(url) : new Uri(url, UriKind.Absolute);
        uploadTargets[(run, name)] = new UploadTarget(absolute, headers);
    }

    private static List<KeyValuePair<string, string>> ParseUploadHeaders(JsonNode? node) =>
        (node as JsonArray ?? [])
            .Select(h => h?.GetValue<string>() ?? "")
            .Where(h => h.Contains(':'))
            .Select(h => new KeyValuePair<string, string>(h[..h.IndexOf(':')].Trim(), h[(h.IndexOf(':') + 1)..].Trim()))
            .ToList();

    private ReplayFailedException Failure(ReplayedExchange exchange, string what)
    {
        var sent = Encoding.UTF8.GetString(exchange.SentBody);
        return new ReplayFailedException(
            $"{exchange.Record} → {exchange.Url}: {what}.\n" +
            $"Sent: {Shorten(sent, 600)}\n" +
            $"Answer ({(int)exchange.Status}): {Shorten(exchange.ResponseText, 1500)}\n" +
            $"Host output (tail): {Shorten(host.CapturedOutput, 3000, fromEnd: true)}");
    }

    private static string Shorten(string text, int max, bool fromEnd = false) =>
        text.Length <= max ? text : fromEnd ? "…" + text[^max..] : text[..max] + "…";

    private sealed record UploadTarget(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Headers);
}
