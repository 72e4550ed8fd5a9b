using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PosFleet.Status;

/// <summary>
/// The keyset cursor of the status board: the sort it was made for and the last row's sort key (a number — health
/// rank or heard-at ticks —, the organization and the terminal id), opaque to callers (base64url).
/// </summary>
internal readonly record struct StatusBoardCursor(StatusBoardSort Sort, long Number, string Organization, string Terminal)
{
    public static StatusBoardCursor For(StatusBoardSort sort, StatusBoardRow row) => new(
        sort,
        sort switch
        {
            StatusBoardSort.Health => (long)row.Health,
            StatusBoardSort.LastHeard => row.Status.ReceivedAt.UtcTicks,
            _ => 0,
        },
        row.Status.Organization,
        row.Status.TerminalId);

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"1\u001f{(int)Sort}\u001f{Number}\u001f{Organization}\u001f{Terminal}");
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryParse(string? text, out StatusBoardCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 2000)
        {
            return false;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\u001f');
            if (parts.Length != 5 || parts[0] != "1"
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) || !Enum.IsDefined((StatusBoardSort)sort)
                || !long.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            cursor = new((StatusBoardSort)sort, number, parts[3], parts[4]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
