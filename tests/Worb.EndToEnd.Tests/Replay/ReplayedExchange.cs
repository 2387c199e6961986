using System.Net;
using System.Text.Json.Nodes;

namespace Worb.EndToEnd.Tests.Replay;

/// <summary>One replayed request: what was sent where, and what the server answered.</summary>
public sealed record ReplayedExchange(
    TrafficRecord Record,
    Uri Url,
    byte[] SentBody,
    HttpStatusCode Status,
    string ResponseText,
    JsonNode? ResponseJson);
