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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Silos sharing a data folder may start together: the file is created exclusively (O_EXCL), so exactly one
        // writes the key and the others read it once it is complete.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (TryRead(path) is { } existing)
            {
                return existing;
            }
            if (!File.Exists(path))
            {
                try
                {
                    return CreateNew(path);
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another silo created it first; read its key.
                }
            }
            Thread.Sleep(10);
        }
        // Still too short to be a key after a second: left by a crash mid-write, so it is replaced.
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(path, key);
        return key;
    }

    private static byte[] CreateNew(string path)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new System.IO.FileStream(path, create);
        stream.Write(key);
        stream.Flush(flushToDisk: true);
        return key;
    }

    private static byte[]? TryRead(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.Length >= 32 ? bytes : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
