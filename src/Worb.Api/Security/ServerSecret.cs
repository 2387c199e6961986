using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Worb.Grains;

namespace Worb.Api.Security;

/// <summary>
/// The server's signing secret, <c>secret.key</c> in the data directory (created on first use, readable by the owner
/// only), so signed upload URLs and login cookies stay valid across restarts. Each use derives its own key from it.
/// </summary>
public sealed class ServerSecret
{
    private readonly Lazy<byte[]> _secret;

    public ServerSecret(IOptions<WorbOptions> options) =>
        _secret = new Lazy<byte[]>(() => LoadOrCreate(Path.Combine(options.Value.Data, "secret.key")));

    /// <summary>A key for one purpose (e.g. "upload", "session"): signatures made for one can't pass for another.</summary>
    public byte[] KeyFor(string purpose) => HMACSHA256.HashData(_secret.Value, System.Text.Encoding.UTF8.GetBytes("worb:" + purpose));

    /// <summary>The secret itself, for keys derived before purposes existed (upload URLs handed out earlier stay valid).</summary>
    internal byte[] Raw => _secret.Value;

    private static byte[] LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length >= 32)
            {
                return existing;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
