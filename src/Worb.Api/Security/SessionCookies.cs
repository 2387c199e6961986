using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Worb.Api.Security;

/// <summary>
/// The dashboard's login cookie: <c>[expiry][fingerprint of the key used]</c> signed with HMAC-SHA256 under a key
/// derived from the server secret. The key itself never leaves the login request; revoking a key ends the sessions
/// opened with it. HttpOnly and SameSite=Strict, so scripts can't read it and other sites can't send it.
/// </summary>
public sealed class SessionCookies(ServerSecret secret, ApiKeyStore keys, TimeProvider clock)
{
    public const string CookieName = "worb_session";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);
    private readonly Lazy<byte[]> _key = new(() => secret.KeyFor("session"));

    public void Issue(HttpContext context, string apiKey)
    {
        var expires = clock.GetUtcNow() + Lifetime;
        var payload = new byte[8 + 16];
        BinaryPrimitives.WriteInt64LittleEndian(payload, expires.ToUnixTimeSeconds());
        ApiKeyStore.Fingerprint(apiKey).CopyTo(payload, 8);
        var value = $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key.Value, payload))}";
        context.Response.Cookies.Append(CookieName, value, Options(context, expires));
    }

    public void Clear(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(context, null));

    public bool IsValid(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return false;
        }
        var dot = value.IndexOf('.');
        if (dot <= 0 || !TryDecode(value[..dot], out var payload) || payload.Length != 24
            || !TryDecode(value[(dot + 1)..], out var signature))
        {
            return false;
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key.Value, payload), signature))
        {
            return false;
        }
        return BinaryPrimitives.ReadInt64LittleEndian(payload) > clock.GetUtcNow().ToUnixTimeSeconds()
            && keys.HasFingerprint(payload.AsSpan(8));
    }

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (!Base64Url.IsValid(text))
        {
            return false;
        }
        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }
}
