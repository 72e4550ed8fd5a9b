using Microsoft.Extensions.Options;
using PosFleet.Notifications;

namespace PosFleet.Connectors.Email.Internal;

internal sealed class PickupFolderNotifierOptionsValidator : IValidateOptions<PickupFolderNotifierOptions>
{
    public ValidateOptionsResult Validate(string? name, PickupFolderNotifierOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Directory) || o.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"PickupFolderNotifierOptions.Directory '{o.Directory}' is not a usable folder path.");
        }

        if (!EmailAddressSyntax.TryParse(o.From, out _))
        {
            errors.Add($"PickupFolderNotifierOptions.From '{o.From}' is not an e-mail address.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
