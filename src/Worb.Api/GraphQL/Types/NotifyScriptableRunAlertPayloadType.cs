namespace Worb.Api.GraphQL.Types;

public sealed class NotifyScriptableRunAlertPayloadType() : SuccessPayloadType("NotifyScriptableRunAlertPayload");
