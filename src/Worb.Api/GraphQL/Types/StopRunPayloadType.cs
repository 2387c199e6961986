namespace Worb.Api.GraphQL.Types;

public sealed class StopRunPayloadType() : SuccessPayloadType("StopRunPayload");
