using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Worb.Api.Security;

namespace Worb.Api.Files;

/// <summary>
/// Signs and checks upload tokens. The wandb client sends no credentials with an upload PUT, so the URL itself
/// must authorize it: the token names the run and file, carries an expiry, and is signed with HMAC-SHA256 under a
/// secret kept in the data directory (<see cref="ServerSecret"/>, so tokens survive restarts).
/// </summary>
public sealed class UploadTokens
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private readonly Lazy<byte[]> _key;
    private readonly TimeProvider _clock;

    public UploadTokens(ServerSecret secret, TimeProvider clock)
    {
        _clock = clock;
        _key = new Lazy<byte[]>(() => secret.Raw);
    }

    public string Create(long runId, string fileName)
    {
        var name = Encoding.UTF8.GetBytes(fileName);
        var payload = new byte[16 + name.Length];
        BinaryPrimitives.WriteInt64LittleEndian(payload, runId);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(8), (_clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        name.CopyTo(payload, 16);
        return SignedToken.Seal(_key.Value, payload);
    }

    /// <summary>
    /// A key for another kind of signed URL, derived from the secret (HMAC of <paramref name="purpose"/>), so tokens
    /// of one kind never validate as another.
    /// </summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(purpose));

    /// <summary>The run and file a token grants, or null when it is forged, malformed or expired.</summary>
    public (long RunId, string FileName)? Validate(string token)
    {
        if (SignedToken.Open(_key.Value, token) is not { Length: >= 16 } payload)
        {
            return null;
        }
        var expires = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(8));
        if (_clock.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return null;
        }
        return (BinaryPrimitives.ReadInt64LittleEndian(payload), Encoding.UTF8.GetString(payload, 16, payload.Length - 16));
    }
}
