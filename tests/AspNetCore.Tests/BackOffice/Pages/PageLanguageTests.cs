using System.Net;
using System.Text.RegularExpressions;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// Each page in each of the seeds' four languages, as the browser asks for it (<c>Accept-Language</c>): its heading, the
/// navigation and a label of its own read in that language. The expected words are written here, not read from the
/// package's tables, so that a wrong or missing translation fails.
/// </summary>
public sealed partial class PageLanguageTests(StatusPagesHostFixture fixture) : IClassFixture<StatusPagesHostFixture>
{
    private readonly StatusPagesHost _host = fixture.Host;

    [Theory]
    [InlineData("en-GB", "", "Dashboard", "Most frequent errors and alerts")]
    [InlineData("es-ES", "", "Panel", "Errores y alertas más frecuentes")]
    [InlineData("fr-FR", "", "Tableau de bord", "Erreurs et alertes les plus fréquentes")]
    [InlineData("it-IT", "", "Cruscotto", "Errori e avvisi più frequenti")]
    [InlineData("en-GB", "reports", "Reports", "Reference")]
    [InlineData("es-ES", "reports", "Informes", "Referencia")]
    [InlineData("fr-FR", "reports", "Rapports", "Référence")]
    [InlineData("it-IT", "reports", "Report", "Riferimento")]
    [InlineData("en-GB", "status", "POS status", "Retrieve logs")]
    [InlineData("es-ES", "status", "Estado de los TPV", "Obtener registros")]
    [InlineData("fr-FR", "status", "État des caisses", "Récupérer les journaux")]
    [InlineData("it-IT", "status", "Stato dei POS", "Recupera i log")]
    [InlineData("en-GB", "actions", "Actions", "Add an action")]
    [InlineData("es-ES", "actions", "Acciones", "Añadir una acción")]
    [InlineData("fr-FR", "actions", "Actions", "Ajouter une action")]
    [InlineData("it-IT", "actions", "Azioni", "Aggiungi un'azione")]
    [InlineData("en-GB", "digests", "Error follow-up", "Minimum error threshold")]
    [InlineData("es-ES", "digests", "Seguimiento de errores", "Umbral mínimo de errores")]
    [InlineData("fr-FR", "digests", "Suivi des erreurs", "Seuil minimal d'erreurs")]
    [InlineData("it-IT", "digests", "Monitoraggio errori", "Soglia minima di errori")]
    [InlineData("en-GB", "notifications", "Notifications", "Notifications")]
    [InlineData("es-ES", "notifications", "Notificaciones", "Notificaciones")]
    [InlineData("fr-FR", "notifications", "Notifications", "Notifications")]
    [InlineData("it-IT", "notifications", "Notifiche", "Notifiche")]
    public async Task Page_BrowserLanguage_ShowsHeadingNavigationAndLabelsInIt(string locale, string path, string heading, string label)
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana", locale);

        var (status, html) = await ana.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"<html lang=\"{locale[..2]}\">", HtmlTag().Match(html).Value);
        Assert.Equal(heading, WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value));
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains(label, text, StringComparison.Ordinal);
        var navigation = Navigation().Matches(Nav().Match(html).Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Equal(Expected[locale[..2]], navigation);
    }

    [Theory]
    [InlineData("en-GB", "Error", "Failure", "Offline", "Retry")]
    [InlineData("es-ES", "Error", "Fallo", "Sin conexión", "Reintento")]
    [InlineData("fr-FR", "Erreur", "Échec", "Hors ligne", "Nouvel essai")]
    [InlineData("it-IT", "Errore", "Fallimento", "Offline", "Nuovo tentativo")]
    public async Task Digests_ErrorTypes_AreNamedInTheBrowsersLanguage(string locale, string error, string fail, string offline, string retry)
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana", locale);

        var (_, html) = await ana.GetAsync("digests");

        var kinds = KindLabel().Matches(html).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)));
        Assert.Equal(new[] { ("Error", error), ("Fail", fail), ("Offline", offline), ("Retry", retry) }, kinds);
    }

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["en"] = ["Dashboard", "Reports", "Status", "Actions", "Digests"],
        ["es"] = ["Panel", "Informes", "Estado", "Acciones", "Resúmenes"],
        ["fr"] = ["Tableau de bord", "Rapports", "État", "Actions", "Synthèses"],
        ["it"] = ["Cruscotto", "Report", "Stato", "Azioni", "Riepiloghi"],
    };

    [GeneratedRegex("<html lang=\"[a-z]+\">")]
    private static partial Regex HtmlTag();

    [GeneratedRegex("<h1>(.*?)</h1>")]
    private static partial Regex Heading();

    [GeneratedRegex("<nav class=\"pf-nav\".*?</nav>", RegexOptions.Singleline)]
    private static partial Regex Nav();

    [GeneratedRegex("<a [^>]*>(.*?)</a>")]
    private static partial Regex Navigation();

    [GeneratedRegex("<input type=\"checkbox\" name=\"kinds\" value=\"([A-Za-z]+)\"[^>]*> ([^<]+)</label>")]
    private static partial Regex KindLabel();
}
