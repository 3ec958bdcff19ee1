using Microsoft.Extensions.Options;

namespace StatusBot.Host.Configuration;

/// <summary>Refuses a start whose configuration holds a key under <c>StatusBot</c> that no setting reads (a typo).</summary>
public sealed class UnknownSettingsValidator(IConfiguration configuration) : IValidateOptions<StatusBotOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusBotOptions options)
    {
        var errors = ConfigurationSchema.UnknownKeys(configuration);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
