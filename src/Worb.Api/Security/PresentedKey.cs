using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Worb.Api.Security;

/// <summary>
/// The API key a request carries in its <c>Authorization</c> header: <c>Basic base64("api:KEY")</c> as the wandb
/// clients send it (any user name; the password is the key), or <c>Bearer KEY</c>.
/// </summary>
public static class PresentedKey
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return FromAuthorization(header);
    }

    public static string? FromAuthorization(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        var space = header.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }
        var scheme = header[..space];
        var value = header[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return value.Length > 0 ? value : null;
        }
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var bytes = new byte[(value.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(value, bytes, out var length))
        {
            return null;
        }
        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var colon = decoded.IndexOf(':');
        return colon < 0 || colon == decoded.Length - 1 ? null : decoded[(colon + 1)..];
    }
}
