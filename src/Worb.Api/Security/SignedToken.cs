using System.Buffers.Text;
using System.Security.Cryptography;

namespace Worb.Api.Security;

/// <summary>
/// The token format of Worb's signed URLs: <c>base64url(payload).base64url(HMAC-SHA256(key, payload))</c>. What the
/// payload means (run or artifact, file name, expiry) is up to the caller; this only seals and checks it.
/// </summary>
public static class SignedToken
{
    public static string Seal(byte[] key, byte[] payload) =>
        $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";

    /// <summary>The payload of a token signed with <paramref name="key"/>, or null when it is malformed or forged.</summary>
    public static byte[]? Open(byte[] key, string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0 || !TryDecode(token[..dot], out var payload) || !TryDecode(token[(dot + 1)..], out var signature))
        {
            return null;
        }
        return CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature) ? payload : null;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
