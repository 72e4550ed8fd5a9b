namespace PosFleet.Logs.Formats;

/// <summary>
/// The labels and level words of <c>wevtutil qe LOG /f:text</c> in the languages Windows prints them in on the tills we
/// read: English, Spanish, French, Italian and German. A label is known whatever its language; a level word is read as
/// the English word Windows uses for that level, so that the level counts, the rules that name levels and the
/// severities are the same for one event exported on a Spanish and on an English machine.
/// </summary>
internal static class WindowsEventLabels
{
    /// <summary>What a header line's label names.</summary>
    public enum Label
    {
        None,
        LogName,
        Source,
        Date,
        Level,
        Description,
    }

    /// <summary>
    /// What <paramref name="key"/> (the text before a header line's colon) names: French puts a blank (plain or
    /// non-breaking) before the colon, <c>Date :</c>, which is not part of the label.
    /// </summary>
    public static Label Of(ReadOnlySpan<byte> key)
    {
        key = TrimBlanksEnd(key);
        if (key.SequenceEqual("Date"u8) || key.SequenceEqual("Fecha"u8) || key.SequenceEqual("Data"u8) || key.SequenceEqual("Datum"u8))
        {
            return Label.Date;
        }

        if (key.SequenceEqual("Level"u8) || key.SequenceEqual("Nivel"u8) || key.SequenceEqual("Niveau"u8) || key.SequenceEqual("Livello"u8)
            || key.SequenceEqual("Ebene"u8))
        {
            return Label.Level;
        }

        if (key.SequenceEqual("Source"u8) || key.SequenceEqual("Origen"u8) || key.SequenceEqual("Origine"u8) || key.SequenceEqual("Quelle"u8))
        {
            return Label.Source;
        }

        if (key.SequenceEqual("Description"u8) || key.SequenceEqual("Descripción"u8) || key.SequenceEqual("Descrizione"u8)
            || key.SequenceEqual("Beschreibung"u8))
        {
            return Label.Description;
        }

        if (key.SequenceEqual("Log Name"u8) || key.SequenceEqual("Nombre de registro"u8) || key.SequenceEqual("Nom du journal"u8)
            || key.SequenceEqual("Nome registro"u8) || key.SequenceEqual("Protokollname"u8))
        {
            return Label.LogName;
        }

        return Label.None;
    }

    /// <summary>
    /// The English word Windows uses for the level <paramref name="word"/> names in any of the languages read
    /// (<c>Advertencia</c>, <c>Avertissement</c>, <c>Avviso</c>, <c>Warnung</c>: <c>Warning</c>); any other word as it is.
    /// </summary>
    public static ReadOnlySpan<byte> Level(ReadOnlySpan<byte> word)
    {
        if (word.SequenceEqual("Error"u8) || word.SequenceEqual("Erreur"u8) || word.SequenceEqual("Errore"u8) || word.SequenceEqual("Fehler"u8))
        {
            return "Error"u8;
        }

        if (word.SequenceEqual("Advertencia"u8) || word.SequenceEqual("Avertissement"u8) || word.SequenceEqual("Avviso"u8)
            || word.SequenceEqual("Warnung"u8))
        {
            return "Warning"u8;
        }

        if (word.SequenceEqual("Crítico"u8) || word.SequenceEqual("Critique"u8) || word.SequenceEqual("Critico"u8) || word.SequenceEqual("Kritisch"u8))
        {
            return "Critical"u8;
        }

        if (word.SequenceEqual("Información"u8) || word.SequenceEqual("Informazioni"u8) || word.SequenceEqual("Informationen"u8))
        {
            return "Information"u8;
        }

        if (word.SequenceEqual("Detallado"u8) || word.SequenceEqual("Commentaires"u8) || word.SequenceEqual("Dettagliato"u8)
            || word.SequenceEqual("Ausführlich"u8))
        {
            return "Verbose"u8;
        }

        return word;
    }

    /// <summary>Without its trailing blanks: spaces, tabs, and the no-break spaces (U+00A0, U+202F) French typography puts before a colon.</summary>
    private static ReadOnlySpan<byte> TrimBlanksEnd(ReadOnlySpan<byte> s)
    {
        while (true)
        {
            if (!s.IsEmpty && LineReader.IsBlank(s[^1]))
            {
                s = s[..^1];
            }
            else if (s.EndsWith("\u00A0"u8))
            {
                s = s[..^2];
            }
            else if (s.EndsWith("\u202F"u8))
            {
                s = s[..^3];
            }
            else
            {
                return s;
            }
        }
    }
}
