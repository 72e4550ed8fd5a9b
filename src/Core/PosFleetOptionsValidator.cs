using Microsoft.Extensions.Options;

namespace PosFleet;

internal sealed class PosFleetOptionsValidator : IValidateOptions<PosFleetOptions>
{
    public ValidateOptionsResult Validate(string? name, PosFleetOptions options)
    {
        if (options.TerminalId is { } id && (id.Length == 0 || id.Any(char.IsWhiteSpace)))
        {
            return ValidateOptionsResult.Fail(
                $"PosFleetOptions.TerminalId '{id}' is not a valid terminal id: use a non-empty id without spaces, such as 'till-07'.");
        }

        return ValidateOptionsResult.Success;
    }
}
