using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// Writes a page's HTML with output encoding by construction: in <c>html.Write($"&lt;td&gt;{entry.Message}&lt;/td&gt;")</c>
/// the literal parts are markup, written as they are, and every value put in a hole is HTML-encoded (quotes included,
/// so it is safe in an attribute too) — a log line holding <c>&lt;script&gt;</c> shows as text. Markup that is not a
/// literal of the code goes in a hole only as an <see cref="HtmlFragment"/>: one this writer wrote
/// (<see cref="ToFragment"/>) or a constant chosen by a condition (<see cref="If"/>).
/// </summary>
/// <remarks>
/// Hand-written rather than Razor components: Razor components are public classes (each page and its parameters would
/// be public API of the package) and are not trimming- or native-AOT-compatible, which this package is.
/// </remarks>
internal sealed class Html(CultureInfo culture)
{
    // Every script allowed as it is (HtmlEncoder.Default would write "é" as "&#xE9;"); markup characters and quotes are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _builder = new(16 * 1024);

    public CultureInfo Culture { get; } = culture;

    /// <summary>Writes markup whose holes are encoded.</summary>
    public Html Write([InterpolatedStringHandlerArgument("")] ref Handler handler)
    {
        _ = handler;
        return this;
    }

    /// <summary>
    /// Writes text, encoded; control characters and bidirectional overrides (which would reorder what is shown around
    /// them) are first written as visible escapes, as everywhere PosFleet prints untrusted text (<see cref="DisplayText"/>).
    /// </summary>
    public Html Text(string? text)
    {
        _builder.Append(Encoder.Encode(DisplayText.Escape(text)));
        return this;
    }

    /// <summary>Writes HTML this writer made.</summary>
    public Html Write(HtmlFragment fragment)
    {
        _builder.Append(fragment.Value);
        return this;
    }

    /// <summary>The markup written so far, to be put in another page's hole as it is.</summary>
    public HtmlFragment ToFragment() => new(_builder.ToString());

    public override string ToString() => _builder.ToString();

    /// <summary>Constant markup when <paramref name="condition"/> holds, such as <c>Html.If(chosen, " selected")</c>.</summary>
    public static HtmlFragment If(bool condition, [System.Diagnostics.CodeAnalysis.ConstantExpected] string markup) => new(condition ? markup : "");

    /// <summary>A fragment of markup written with an <see cref="Html"/> or constant, so already safe.</summary>
    public readonly struct HtmlFragment
    {
        internal HtmlFragment(string value) => Value = value;

        public string Value { get; }
    }

    /// <summary>The interpolated-string handler: literals raw, holes encoded (formatted in the page's culture).</summary>
    [InterpolatedStringHandler]
    public readonly ref struct Handler
    {
        private readonly Html _html;

        public Handler(int literalLength, int formattedCount, Html html)
        {
            _ = literalLength;
            _ = formattedCount;
            _html = html;
        }

        public void AppendLiteral(string value) => _html._builder.Append(value);

        public void AppendFormatted(HtmlFragment fragment) => _html._builder.Append(fragment.Value);

        public void AppendFormatted(string? value) => _html.Text(value);

        public void AppendFormatted<T>(T value, string? format = null)
        {
            var text = value is IFormattable formattable ? formattable.ToString(format, _html.Culture) : value?.ToString();
            _html.Text(text);
        }
    }
}
