using GraphQL.Types;
using Worb.Api.GraphQL.Models;

namespace Worb.Api.GraphQL.Types;

public sealed class ServerMessageType : ObjectGraphType<ServerMessage>
{
    public ServerMessageType()
    {
        Name = "ServerMessage";
        Field<NonNullGraphType<StringGraphType>>("utfText").Resolve(c => c.Source.UtfText);
        Field<NonNullGraphType<StringGraphType>>("plainText").Resolve(c => c.Source.PlainText);
        Field<NonNullGraphType<StringGraphType>>("htmlText").Resolve(c => c.Source.HtmlText);
        Field<NonNullGraphType<StringGraphType>>("messageType").Resolve(c => c.Source.MessageType);
        Field<NonNullGraphType<StringGraphType>>("messageLevel").Resolve(c => c.Source.MessageLevel);
    }
}
