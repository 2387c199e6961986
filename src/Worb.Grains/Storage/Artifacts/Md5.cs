namespace Worb.Grains.Storage.Artifacts;

/// <summary>MD5 digests as the wandb client writes them: base64 of the 16 bytes, or 32 hex digits.</summary>
public static class Md5
{
    public static bool IsBase64Md5(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length != 24)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[18];
        return Convert.TryFromBase64String(text, bytes, out var written) && written == 16;
    }

    /// <summary>The base64 form of a 32-hex-digit MD5, or null when <paramref name="hex"/> is not one.</summary>
    public static string? HexToBase64(string hex)
    {
        if (hex.Length != 32 || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        return Convert.ToBase64String(Convert.FromHexString(hex));
    }
}
