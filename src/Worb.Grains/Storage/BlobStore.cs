using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Worb.Grains.Storage;

/// <summary>
/// Content-addressed file bytes under <c>files/</c>: a byte sequence is kept once, at <c>files/ab/cd/abcd…</c>
/// named by its SHA-256, however many runs point at it. Writes go to a temp file first and are moved into place
/// once complete and synced, so a crash never leaves a half-written blob under its final name.
/// </summary>
public sealed class BlobStore(IOptions<WorbOptions> options)
{
    private string Root => options.Value.FilesDirectory;

    /// <summary>
    /// Stores the bytes of <paramref name="content"/>. With <paramref name="expectedMd5Base64"/>, bytes whose MD5
    /// differs are refused (<see cref="BlobDigestMismatchException"/>) and nothing is stored.
    /// </summary>
    public async Task<StoredBlob> SaveAsync(Stream content, long maxBytes, CancellationToken cancellationToken, string? expectedMd5Base64 = null)
    {
        var temp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(temp);
        var tempPath = Path.Combine(temp, Guid.NewGuid().ToString("N"));
        try
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long size = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    sha256.AppendData(buffer, 0, read);
                    md5.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            var md5Base64 = Convert.ToBase64String(md5.GetHashAndReset());
            if (expectedMd5Base64 is not null && md5Base64 != expectedMd5Base64)
            {
                throw new BlobDigestMismatchException(expectedMd5Base64, md5Base64);
            }
            var hash = Convert.ToHexStringLower(sha256.GetHashAndReset());
            var finalPath = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            if (File.Exists(finalPath))
            {
                File.Delete(tempPath);
            }
            else
            {
                File.Move(tempPath, finalPath, overwrite: true);
            }
            return new StoredBlob(hash, md5Base64, size);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    public Stream? OpenRead(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var path = PathOf(sha256);
        return File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)
            : null;
    }

    private string PathOf(string sha256) => Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
}

public sealed record StoredBlob(string Sha256, string Md5Base64, long Size);

public sealed class BlobDigestMismatchException(string expected, string actual)
    : Exception($"The uploaded bytes have MD5 {actual}, not the announced {expected}.");

public sealed class BlobTooLargeException(long maxBytes) : Exception($"The file is larger than the limit of {maxBytes} bytes.");
