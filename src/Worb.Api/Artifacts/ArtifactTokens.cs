using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Worb.Api.Files;
using Worb.Api.Security;

namespace Worb.Api.Artifacts;

/// <summary>
/// Signs and checks the URLs of artifact uploads and downloads. The wandb client sends no credentials with these
/// PUTs and GETs, so the URL itself authorizes them: the token says what it grants and until when, and is signed
/// with HMAC-SHA256 under a key derived from the server's secret (see <see cref="UploadTokens.DeriveKey"/>).
/// </summary>
public sealed class ArtifactTokens
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private const int HeaderLength = 1 + 8 + 8;
    private readonly Lazy<byte[]> _key;
    private readonly TimeProvider _clock;

    public ArtifactTokens(UploadTokens uploadTokens, TimeProvider clock)
    {
        _clock = clock;
        _key = new Lazy<byte[]>(() => uploadTokens.DeriveKey("worb-artifact-urls-v1"));
    }

    public string FileUpload(long artifactId, string name) => Create(ArtifactTokenKind.FileUpload, artifactId, name);

    public string ManifestUpload(long artifactId) => Create(ArtifactTokenKind.ManifestUpload, artifactId, "wandb_manifest.json");

    public string Download(string sha256, string name) => Create(ArtifactTokenKind.Download, 0, sha256 + "/" + name);

    /// <summary>What the token grants, or null when it is forged, malformed or expired.</summary>
    public ArtifactGrant? Validate(string token)
    {
        if (SignedToken.Open(_key.Value, token) is not { Length: >= HeaderLength } payload)
        {
            return null;
        }
        var kind = (ArtifactTokenKind)payload[0];
        var expires = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(1));
        if (_clock.GetUtcNow().ToUnixTimeSeconds() > expires || !Enum.IsDefined(kind))
        {
            return null;
        }
        var artifactId = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(9));
        var text = Encoding.UTF8.GetString(payload, HeaderLength, payload.Length - HeaderLength);
        if (kind != ArtifactTokenKind.Download)
        {
            return new ArtifactGrant(kind, artifactId, text, null);
        }
        var slash = text.IndexOf('/');
        return slash == 64 ? new ArtifactGrant(kind, 0, text[(slash + 1)..], text[..slash]) : null;
    }

    private string Create(ArtifactTokenKind kind, long artifactId, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var payload = new byte[HeaderLength + bytes.Length];
        payload[0] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(1), (_clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(9), artifactId);
        bytes.CopyTo(payload, HeaderLength);
        return SignedToken.Seal(_key.Value, payload);
    }
}
