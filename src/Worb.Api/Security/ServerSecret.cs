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
        if (TryRead(path) is { } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Silos sharing a data folder may start together: the key is written whole under a temporary name and then
        // linked into place without overwriting, so every silo ends up with the one key that won.
        var candidate = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(candidate, RandomNumberGenerator.GetBytes(32));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(candidate, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            try
            {
                File.Move(candidate, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another silo's key got there first.
            }
            // A file too short to be a key (an older crash mid-write) is replaced.
            return TryRead(path) ?? ReplaceWith(candidate, path);
        }
        finally
        {
            File.Delete(candidate);
        }
    }

    private static byte[]? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        return bytes.Length >= 32 ? bytes : null;
    }

    private static byte[] ReplaceWith(string candidate, string path)
    {
        File.Move(candidate, path, overwrite: true);
        return File.ReadAllBytes(path);
    }
}
