using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The culture of a back-office request. A host that runs <c>app.UseRequestLocalization(...)</c> decides it (its
/// <see cref="IRequestCultureFeature"/>); otherwise the back office asks ASP.NET Core's own request culture providers
/// (<c>?culture=es</c>, the <c>.AspNetCore.Culture</c> cookie, then <c>Accept-Language</c>) for one of the seeds'
/// languages, English when none matches.
/// </summary>
internal static class BackOfficeCulture
{
    private static readonly RequestLocalizationOptions Localization = CreateOptions();

    public static async ValueTask<CultureInfo> ResolveAsync(HttpContext context)
    {
        if (context.Features.Get<IRequestCultureFeature>() is { } feature)
        {
            return feature.RequestCulture.UICulture;
        }

        foreach (var provider in Localization.RequestCultureProviders)
        {
            if (await provider.DetermineProviderCultureResult(context).ConfigureAwait(false) is not { } result)
            {
                continue;
            }

            foreach (var name in result.UICultures)
            {
                if (TryCulture(name.Value) is { } culture && BackOfficeLanguage.Supported.Contains(culture.TwoLetterISOLanguageName, StringComparer.Ordinal))
                {
                    return culture;
                }
            }
        }

        return CultureInfo.GetCultureInfo("en");
    }

    private static CultureInfo? TryCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static RequestLocalizationOptions CreateOptions()
    {
        var options = new RequestLocalizationOptions();
        options.AddSupportedCultures([.. BackOfficeLanguage.Supported]);
        options.AddSupportedUICultures([.. BackOfficeLanguage.Supported]);
        return options;
    }
}
