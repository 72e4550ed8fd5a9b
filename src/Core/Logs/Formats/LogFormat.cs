namespace PosFleet.Logs.Formats;

/// <summary>
/// A line format: how to find the timestamp, level, component and message on a line. The built-in catalog is
/// <see cref="LogFormats"/>; a host declares its own with a pattern of named fields.
/// </summary>
public abstract class LogFormat
{
    private protected LogFormat(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The name the format is selected by (<c>--format NAME</c>).</summary>
    public string Name { get; }

    /// <summary>A one-line description with an example line.</summary>
    public abstract string Description { get; }

    /// <summary>Reads one line (without its line terminator) into <paramref name="fields"/>.</summary>
    /// <param name="line">The bytes of the line.</param>
    /// <param name="scratch">A buffer at least as long as the line, for formats that must unescape a field.</param>
    /// <param name="fields">Receives the fields; <see cref="LineFields.DefaultYear"/> is set on input.</param>
    /// <returns><see langword="true"/> when the line has this format's shape.</returns>
    internal abstract bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields);

    /// <inheritdoc />
    public override string ToString() => Name;
}
