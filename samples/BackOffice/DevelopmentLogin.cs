using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PosFleet.Samples.BackOffice;

/// <summary>
/// DEVELOPMENT ONLY: a login page with two made-up users in two organizations and no password, so that the sample (and
/// the browser tests) can show what each organization's user sees. A real back office signs its users in with its own
/// scheme (its accounts, OpenID Connect …) and gives each the <c>posfleet:outlet-setup</c> claims of the organizations
/// they may set up outlets on; it never maps this.
/// </summary>
public static class DevelopmentLogin
{
    /// <summary>The two users: Ana sets up shop-12's outlets, Luca shop-34's.</summary>
    public static IReadOnlyList<DevelopmentUser> Users { get; } =
    [
        new("ana", "Ana García", "shop-12"),
        new("luca", "Luca Rossi", "shop-34"),
    ];

    /// <summary>Cookie authentication with its login page at <c>/login</c>.</summary>
    public static IServiceCollection AddDevelopmentLogin(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "posfleet-dev-login";
                o.Cookie.SameSite = SameSiteMode.Lax;
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>Maps <c>GET /login</c> (the page), <c>POST /login</c> (signs the chosen user in) and <c>POST /logout</c>.</summary>
    public static void MapDevelopmentLogin(this IEndpointRouteBuilder endpoints, string home = "/fleet")
    {
        endpoints.MapGet("/login", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var encode = HtmlEncoder.Default;
            var returnUrl = context.Request.Query["ReturnUrl"].ToString();
            var users = string.Concat(Users.Select(u =>
                $"""<p><button type="submit" name="user" value="{encode.Encode(u.Name)}">{encode.Encode(u.DisplayName)} ({encode.Encode(u.Organization)})</button></p>"""));
            return Results.Content($"""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Development login</title></head><body style="font-family:system-ui;max-width:30rem;margin:2rem auto">
                <h1>Development login</h1>
                <p><strong>For development only:</strong> no password; a real back office signs users in with its own scheme.</p>
                <form method="post" action="/login">
                <input type="hidden" name="{encode.Encode(tokens.FormFieldName)}" value="{encode.Encode(tokens.RequestToken ?? "")}">
                <input type="hidden" name="ReturnUrl" value="{encode.Encode(returnUrl)}">
                {users}
                </form></body></html>
                """, "text/html; charset=utf-8");
        });

        endpoints.MapPost("/login", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest("The login form has expired: open /login again.");
            }

            var form = await context.Request.ReadFormAsync();
            var user = Users.FirstOrDefault(u => u.Name == form["user"].ToString());
            if (user is null)
            {
                return Results.BadRequest("No such development user.");
            }

            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal());
            var returnUrl = form["ReturnUrl"].ToString();
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl : home);
        }).DisableAntiforgery();

        endpoints.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        }).DisableAntiforgery();
    }

    // Only a path of this site: "/fleet/reports", not "//evil.example" nor "/\evil.example".
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
