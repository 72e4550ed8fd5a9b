using PosFleet.Logs.Classification;
using PosFleet.Logs.Templates;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// What a scanner remembers of a shape of line (<see cref="TemplateShapeCache{TValue}"/>: the message but for its digits,
/// with the level and component where lines are classified by shape): how such lines are classified, where the rules
/// allow it (<see cref="LogClassifier.ClassifiesByShape"/>), and the counters of their template once one of them was
/// selected.
/// </summary>
internal sealed class LineShape
{
    /// <summary>
    /// How the first line of this shape was classified: read only where lines are classified by shape, whose shapes hold
    /// their level and component.
    /// </summary>
    public required LineClassification Classification { get; init; }

    /// <summary>The counters of the lines' template, from the first of them that was selected.</summary>
    public TemplateAggregate? Template { get; set; }
}
