namespace Worb.EndToEnd.Tests.Json;

/// <summary>
/// A run config in either form a client sends: Python's wrapped <c>{"k": {"desc": null, "value": v}}</c> or npm's
/// plain <c>{"k": v}</c>. Reading it the way <c>wandb.Api()</c> does (a dict with "value" counts as wrapped) gives
/// the same plain dict for both, which is what the tests compare.
/// </summary>
public static class RunConfig
{
    public static LenientObject Plain(string configJson)
    {
        var parsed = LenientJson.ParseObject(configJson);
        return new LenientObject(parsed.Members
            .Select(m => new KeyValuePair<string, LenientValue>(m.Key, Unwrap(m.Value)))
            .ToList());
    }

    private static LenientValue Unwrap(LenientValue value) =>
        value is LenientObject wrapped && wrapped.TryGet("value", out var inner) && wrapped.Keys.All(k => k is "value" or "desc")
            ? inner
            : value;
}
