using System.Net.Http.Headers;
using System.Text;

namespace Worb.EndToEnd.Tests.Infrastructure;

/// <summary>The API key the tests act with: any 40 characters, as the wandb clients require.</summary>
public static class TestCredentials
{
    public const string ApiKey = "0123456789abcdef0123456789abcdef01234567";

    /// <summary><c>Basic base64("api:" + key)</c>, as every wandb client sends it.</summary>
    public static AuthenticationHeaderValue BasicAuthorization { get; } =
        new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + ApiKey)));
}
