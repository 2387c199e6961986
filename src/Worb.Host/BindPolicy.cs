using System.Net;
using Worb.Grains;

namespace Worb.Host;

/// <summary>
/// Without an API key anyone who can reach the port can read and write every run, so the server binds a
/// non-loopback address only with a key, or when told explicitly (<c>--allow-remote-without-key</c>).
/// </summary>
public static class BindPolicy
{
    public static void Check(string host, bool hasApiKey, bool allowRemoteWithoutKey)
    {
        if (hasApiKey || allowRemoteWithoutKey || IsLoopback(host))
        {
            return;
        }
        throw new WorbConfigurationException(
            $"Refusing to listen on '{host}' without an API key: anyone who can reach it could read and write every run. " +
            "Set --api-key KEY (or WORB_API_KEY, or --api-keys-file), bind 127.0.0.1, " +
            "or pass --allow-remote-without-key if the network is trusted.");
    }

    public static bool IsLoopback(string host)
    {
        var bare = host.Trim().TrimStart('[').TrimEnd(']');
        return bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }
}
