namespace Worb.Api.GraphQL.Models;

/// <summary>A message the server asks the client to print (Worb sends none).</summary>
public sealed record ServerMessage(string UtfText, string PlainText, string HtmlText, string MessageType, string MessageLevel);
