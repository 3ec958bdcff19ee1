using Microsoft.Extensions.Options;
using StatusBot.Announcing;

namespace StatusBot.Host.Configuration;

/// <summary>
/// Refuses a start whose announcement templates (<c>StatusBot:Announcements:Templates:&lt;Kind&gt;:&lt;lang&gt;</c>) do not
/// parse, read a variable their kind does not offer, use an unknown filter, or name no supported language; each error
/// names its key.
/// </summary>
public sealed class TemplatesValidator(IConfiguration configuration) : IValidateOptions<StatusBotOptions>
{
    public ValidateOptionsResult Validate(string? name, StatusBotOptions options)
    {
        var templates = new AnnouncementTemplates();
        configuration.GetSection(AnnouncementOptions.Section + ":Templates").Bind(templates);
        var errors = PostTemplates.Errors(templates).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
