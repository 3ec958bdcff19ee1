using StatusBot.Core.Announcing;
using StatusBot.Core.Board;
using StatusBot.Core.Events;
using StatusBot.Core.Replies;
using StatusBot.Core.State;
using StatusBot.Core.Text;

namespace StatusBot.Core.Commands.Handlers;

/// <summary>
/// Handles <c>channel locale &lt;en|fr|de|es|pt-BR|ja&gt;</c>: the language the caller's channel gets its announcements in.
/// </summary>
public sealed class ChannelLocaleHandler(TimeProvider time) : IDecisionHandler
{
    public CommandSpec Spec => Catalog.ChannelLocale;

    public Decision Decide(BoardState state, ChatCommand command)
    {
        var l = Localizer.For(command.Culture);
        if (Locales.Canonical(command.RequiredText("locale")) is not { } locale)
        {
            return Decision.Invalid(l.Format(nameof(Strings.Channel_BadLocale), command.RequiredText("locale"), string.Join(", ", Locales.Supported)));
        }

        if (ChannelRules.Require(state, command, mustBeSubscribed: true, out var channel, out var existing) is { } refusal)
        {
            return refusal;
        }

        return existing!.Locale == locale
            ? Decision.NoChange
            : Decision.Apply(new ChannelLocaleChanged(command.Actor, time.GetUtcNow(), ChannelKeys.Of(channel!), locale));
    }

    public Reply Confirm(BoardState state, ChatCommand command, Decision decision)
    {
        var l = Localizer.For(command.Culture);
        var locale = Locales.Canonical(command.RequiredText("locale"));
        return new Reply { Title = l.Format(nameof(Strings.Channel_LocaleSet), locale), Severity = Severity.Success };
    }
}
