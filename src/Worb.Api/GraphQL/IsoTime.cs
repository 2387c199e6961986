using System.Globalization;

namespace Worb.Api.GraphQL;

/// <summary>Renders the store's unix-seconds timestamps the way the clients parse them: <c>2026-11-29T12:41:12</c>.</summary>
public static class IsoTime
{
    public static string FromUnixSeconds(double seconds) =>
        DateTime.UnixEpoch.AddTicks((long)Math.Floor(seconds * TimeSpan.TicksPerSecond))
            .ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
