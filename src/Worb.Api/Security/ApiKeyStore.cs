using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Worb.Grains;

namespace Worb.Api.Security;

/// <summary>
/// The API keys the server accepts: <c>--api-key</c> and the lines of <c>--api-keys-file</c> (<c>key</c> or
/// <c>user:key</c>). Only SHA-256 digests are kept, and a presented key is compared with every one of them in constant
/// time, so neither the answer time nor an early exit tells how much of a key was right.
/// </summary>
public sealed class ApiKeyStore
{
    private readonly List<ApiKeyEntry> _keys;

    public ApiKeyStore(IOptions<WorbOptions> options)
        : this(Load(options.Value))
    {
    }

    private ApiKeyStore(List<ApiKeyEntry> keys) => _keys = keys;

    /// <summary>Whether any key is configured; without one, every request is let in.</summary>
    public bool Enabled => _keys.Count > 0;

    public int Count => _keys.Count;

    /// <summary>The user the key belongs to (<c>api</c> when its line named none), or null when it is not a key.</summary>
    public string? Find(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var digest = Digest(presented);
        string? user = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, key.Digest))
            {
                user ??= key.User;
            }
        }
        return user;
    }

    /// <summary>A short fingerprint of <paramref name="key"/>'s digest, for login cookies (revoking a key ends its sessions).</summary>
    public static byte[] Fingerprint(string key) => Digest(key)[..16];

    /// <summary>Whether some configured key has this fingerprint (constant time over all keys).</summary>
    public bool HasFingerprint(ReadOnlySpan<byte> fingerprint)
    {
        var found = false;
        foreach (var key in _keys)
        {
            found |= CryptographicOperations.FixedTimeEquals(fingerprint, key.Digest.AsSpan(0, 16));
        }
        return found;
    }

    /// <summary>Keys from a keys file's text: one per line, optionally <c>user:key</c>; blank lines and <c>#</c> comments skipped.</summary>
    public static List<(string User, string Key)> ParseKeysFile(string text)
    {
        var keys = new List<(string, string)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var colon = line.IndexOf(':');
            var (user, key) = colon < 0 ? ("api", line) : (line[..colon].Trim(), line[(colon + 1)..].Trim());
            if (key.Length > 0)
            {
                keys.Add((user.Length == 0 ? "api" : user, key));
            }
        }
        return keys;
    }

    private static List<ApiKeyEntry> Load(WorbOptions options)
    {
        var keys = new List<ApiKeyEntry>();
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            keys.Add(new ApiKeyEntry("api", Digest(options.ApiKey.Trim())));
        }
        if (!string.IsNullOrWhiteSpace(options.ApiKeysFile))
        {
            string text;
            try
            {
                text = File.ReadAllText(options.ApiKeysFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new WorbConfigurationException($"Cannot read the API keys file '{options.ApiKeysFile}': {e.Message}");
            }
            var parsed = ParseKeysFile(text);
            if (parsed.Count == 0)
            {
                throw new WorbConfigurationException(
                    $"The API keys file '{options.ApiKeysFile}' holds no key (one per line, optionally user:key).");
            }
            keys.AddRange(parsed.Select(k => new ApiKeyEntry(k.User, Digest(k.Key))));
        }
        return keys;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private sealed record ApiKeyEntry(string User, byte[] Digest);
}
