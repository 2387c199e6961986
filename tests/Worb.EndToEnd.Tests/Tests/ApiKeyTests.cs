using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Worb.EndToEnd.Tests.GraphQl;
using Worb.EndToEnd.Tests.Infrastructure;
using Worb.EndToEnd.Tests.Replay;

namespace Worb.EndToEnd.Tests.Tests;

/// <summary>A host started with <c>--api-key</c> set to the tests' key.</summary>
public sealed class ApiKeyHostFixture : WorbHostFixture
{
    protected override IReadOnlyList<string> ExtraArguments => ["--api-key", TestCredentials.ApiKey];
}

/// <summary>
/// With an API key configured, every surface but signed upload URLs and the login page needs it; the wandb clients
/// (which send it as Basic auth) work unchanged; the dashboard gets a login page and an HttpOnly, SameSite=Strict cookie.
/// </summary>
public sealed class ApiKeyTests(ApiKeyHostFixture fixture) : IClassFixture<ApiKeyHostFixture>
{
    private static readonly AuthenticationHeaderValue WrongKey =
        new("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("api:" + new string('f', 40))));

    private WorbHostProcess Host => fixture.Host;

    [Fact]
    public async Task A_recorded_session_with_uploads_works_with_the_key()
    {
        var recording = await TrafficRecording.LoadAsync("02_full_session");
        var log = await new TrafficReplayer(Host).ReplayAsync(recording);
        var expected = RecordingExpectations.Compute(recording).Single();
        await RunExpectations.AssertRunAsync(new PublicApi(Host), log.Entity!, expected, log);
    }

    [Fact]
    public async Task Artifacts_upload_and_download_through_their_signed_urls_with_the_key_set()
    {
        var recording = await TrafficRecording.LoadAsync("10_artifacts");
        var log = await new TrafficReplayer(Host).ReplayAsync(recording);
        // Phase B's manifest and file downloads (no Authorization, as the SDK sends them) got phase A's bytes.
        Assert.Contains(log.ArtifactDownloads, d => d.Record.Seq == 130);
        Assert.Contains(log.ArtifactDownloads, d => d.Record.Seq == 132);
        Assert.Contains(log.ArtifactDownloads, d => d.Record.Seq == 133);
    }

    [Theory]
    [InlineData("/graphql", "POST")]
    [InlineData("/files/e/p/r/file_stream", "POST")]
    [InlineData("/files/e/p/r/output.log", "GET")]
    public async Task Protocol_endpoints_answer_401_with_a_basic_challenge_without_or_with_a_wrong_key(string path, string method)
    {
        using var client = NoRedirectClient();
        foreach (var authorization in new[] { null, WrongKey, new AuthenticationHeaderValue("Bearer", "nope") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Host.Url(path));
            request.Headers.Authorization = authorization;
            if (method == "POST")
            {
                request.Content = new StringContent("{\"query\": \"{ viewer { id } }\"}", Encoding.UTF8, "application/json");
            }
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic realm=\"worb\"", response.Headers.WwwAuthenticate.ToString());
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(body?["error"]?.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Basic_and_bearer_keys_are_accepted()
    {
        using var client = NoRedirectClient();
        foreach (var authorization in new[] { TestCredentials.BasicAuthorization, new AuthenticationHeaderValue("Bearer", TestCredentials.ApiKey) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Host.Url("/graphql"))
            {
                Content = new StringContent("{\"query\": \"query Viewer { viewer { entity } }\"}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = authorization;
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{authorization.Scheme}: HTTP {(int)response.StatusCode} {text}");
            Assert.Equal("worb", JsonNode.Parse(text)?["data"]?["viewer"]?["entity"]?.GetValue<string>());
        }
    }

    [Fact]
    public async Task Api_paths_get_a_json_401_without_a_browser_challenge()
    {
        using var client = NoRedirectClient();
        using var response = await client.GetAsync(Host.Url("/api/runs"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_sends_browsers_to_the_login_page_and_a_valid_key_gets_a_strict_http_only_cookie()
    {
        using var client = NoRedirectClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, Host.Url("/?tab=runs"));
        page.Headers.Accept.ParseAdd("text/html");
        using var redirected = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal("/login?next=%2F%3Ftab%3Druns", redirected.Headers.Location?.OriginalString);

        using var login = await client.GetAsync(Host.Url("/login?next=/"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("name=\"key\"", await login.Content.ReadAsStringAsync());

        using var wrong = await client.PostAsync(Host.Url("/login"), Form(new string('f', 40), "/"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var right = await client.PostAsync(Host.Url("/login"), Form(TestCredentials.ApiKey, "//evil.example/"));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location?.OriginalString);
        var cookie = Assert.Single(right.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestCredentials.ApiKey, cookie, StringComparison.Ordinal);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, Host.Url("/"));
        withCookie.Headers.Accept.ParseAdd("text/html");
        withCookie.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var home = await client.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, Host.Url("/"));
        forged.Headers.Add("Cookie", cookie.Split(';')[0][..^4] + "AAAA");
        using var refused = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Answers_carry_security_headers_and_no_cors_grant()
    {
        using var client = NoRedirectClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Host.Url("/login"));
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await client.SendAsync(request);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.NotNull(Header(response, "Referrer-Policy"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.NotNull(csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    private HttpClient NoRedirectClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(1) };

    private static FormUrlEncodedContent Form(string key, string next) =>
        new([new KeyValuePair<string, string>("key", key), new KeyValuePair<string, string>("next", next)]);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
