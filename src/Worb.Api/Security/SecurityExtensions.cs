using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Worb.Api.Security;

public static class SecurityExtensions
{
    public static IServiceCollection AddWorbSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton<ServerSecret>();
        services.TryAddSingleton<ApiKeyStore>();
        services.TryAddSingleton<SessionCookies>();
        return services;
    }

    /// <summary>Security headers on every answer, then the API key check; call before the endpoints run.</summary>
    public static IApplicationBuilder UseWorbSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>().UseMiddleware<ApiKeyMiddleware>();
}
