using StatusBot.Core.Questions;
using StatusBot.Core.State;
using StatusBot.Testing;

namespace StatusBot.Core.Tests.Questions;

/// <summary>The phrasings people actually type, in English and French, and the chatter the bot must leave alone.</summary>
public sealed class IntentMatcherTests
{
    private static readonly BoardState Board = BoardState.Create(DemoCatalog.Services, DemoCatalog.Upstreams);

    [Theory]
    // From the issue.
    [InlineData("is streaming down?", IntentKind.Status, "streaming")]
    [InlineData("why is the website slow?", IntentKind.Why, "website")]
    [InlineData("when will the API be back?", IntentKind.WhenBack, "api")]
    [InlineData("any outage right now?", IntentKind.Status, null)]
    [InlineData("pourquoi le streaming est en panne ?", IntentKind.Why, "streaming")]
    [InlineData("est-ce que le site marche ?", IntentKind.Status, "website")]
    // Is it up? (English)
    [InlineData("Is Netflix down?", IntentKind.Status, "streaming")]
    [InlineData("is the website working?", IntentKind.Status, "website")]
    [InlineData("video not working for me", IntentKind.Status, "streaming")]
    [InlineData("playback keeps buffering", IntentKind.Status, "streaming")]
    [InlineData("login is broken", IntentKind.Status, "sign-in")]
    [InlineData("can't log in, is sign-in down?", IntentKind.Status, "sign-in")]
    [InlineData("is billing ok?", IntentKind.Status, "billing")]
    [InlineData("payments failing?", IntentKind.Status, "billing")]
    [InlineData("status of the api?", IntentKind.Status, "api")]
    [InlineData("is the public api available", IntentKind.Status, "api")]
    [InlineData("the site is really slow today", IntentKind.Status, "website")]
    [InlineData("STREAMING DOWN???", IntentKind.Status, "streaming")]
    [InlineData("@statusbot is streaming up", IntentKind.Status, "streaming")]
    [InlineData("anyone else getting errors on the homepage?", IntentKind.Status, "website")]
    [InlineData("is authentication having issues?", IntentKind.Status, "sign-in")]
    [InlineData("is stream offline", IntentKind.Status, "streaming")]
    // Everything at once (English)
    [InlineData("is anything down?", IntentKind.Status, null)]
    [InlineData("any issues right now?", IntentKind.Status, null)]
    [InlineData("is everything ok?", IntentKind.Status, null)]
    [InlineData("is it just me or is it down?", IntentKind.Status, null)]
    [InlineData("what's down?", IntentKind.Status, null)]
    [InlineData("are there any problems?", IntentKind.Status, null)]
    [InlineData("any incidents?", IntentKind.Status, null)]
    // Why (English)
    [InlineData("why is streaming down?", IntentKind.Why, "streaming")]
    [InlineData("why is netflix not working", IntentKind.Why, "streaming")]
    [InlineData("what's wrong with the website?", IntentKind.Why, "website")]
    [InlineData("what caused the api outage?", IntentKind.Why, "api")]
    [InlineData("what happened to billing?", IntentKind.Why, "billing")]
    [InlineData("what's going on with login?", IntentKind.Why, "sign-in")]
    [InlineData("root cause of the outage?", IntentKind.Why, null)]
    [InlineData("why is everything down?", IntentKind.Why, null)]
    // When (English)
    [InlineData("when will streaming be back?", IntentKind.WhenBack, "streaming")]
    [InlineData("when is the site coming back?", IntentKind.WhenBack, "website")]
    [InlineData("any ETA on the video fix?", IntentKind.WhenBack, "streaming")]
    [InlineData("how long until payments are fixed?", IntentKind.WhenBack, "billing")]
    [InlineData("when will it be fixed?", IntentKind.WhenBack, null)]
    [InlineData("any news on the outage?", IntentKind.WhenBack, null)]
    // Est-ce que ça marche ? (French)
    [InlineData("le streaming est en panne ?", IntentKind.Status, "streaming")]
    [InlineData("Netflix ne marche plus", IntentKind.Status, "streaming")]
    [InlineData("la vidéo est en panne ?", IntentKind.Status, "streaming")]
    [InlineData("le site web est lent", IntentKind.Status, "website")]
    [InlineData("la connexion ne fonctionne pas", IntentKind.Status, "sign-in")]
    [InlineData("le paiement est indisponible ?", IntentKind.Status, "billing")]
    [InlineData("la facturation est hors service", IntentKind.Status, "billing")]
    [InlineData("l'API est en ligne ?", IntentKind.Status, "api")]
    [InlineData("y a-t-il une panne ?", IntentKind.Status, null)]
    [InlineData("tout fonctionne ?", IntentKind.Status, null)]
    [InlineData("c'est moi ou tout est en panne ?", IntentKind.Status, null)]
    [InlineData("il y a des problèmes en ce moment ?", IntentKind.Status, null)]
    // Pourquoi (French)
    [InlineData("pourquoi le site est lent ?", IntentKind.Why, "website")]
    [InlineData("pourquoi Netflix ne marche pas ?", IntentKind.Why, "streaming")]
    [InlineData("quelle est la cause de la panne ?", IntentKind.Why, null)]
    [InlineData("que se passe-t-il avec la connexion ?", IntentKind.Why, "sign-in")]
    [InlineData("c'est quoi le problème avec le paiement ?", IntentKind.Why, "billing")]
    // Quand (French)
    [InlineData("quand est-ce que le streaming revient ?", IntentKind.WhenBack, "streaming")]
    [InlineData("le site sera rétabli quand ?", IntentKind.WhenBack, "website")]
    [InlineData("combien de temps avant que l'API remarche ?", IntentKind.WhenBack, "api")]
    [InlineData("des nouvelles de la panne ?", IntentKind.WhenBack, null)]
    [InlineData("quand est-ce que ça sera réparé ?", IntentKind.WhenBack, null)]
    // Harder everyday phrasings.
    [InlineData("I can't log in", IntentKind.Status, "sign-in")]
    [InlineData("can't watch anything on netflix", IntentKind.Status, "streaming")]
    [InlineData("unable to connect to the api", IntentKind.Status, "api")]
    [InlineData("is the website back yet?", IntentKind.WhenBack, "website")]
    [InlineData("Netflix is down again, why?", IntentKind.Why, "streaming")]
    [InlineData("y a un souci avec le site ?", IntentKind.Status, "website")]
    [InlineData("le site rame", IntentKind.Status, "website")]
    [InlineData("la vidéo ne se charge pas", IntentKind.Status, "streaming")]
    [InlineData("impossible de me connecter au site", IntentKind.Status, "website")]
    [InlineData("le paiement ne passe pas", IntentKind.Status, "billing")]
    [InlineData("c'est quand que le streaming remarche ?", IntentKind.WhenBack, "streaming")]
    [InlineData("why can't I log in?", IntentKind.Why, "sign-in")]
    // Help
    [InlineData("help", IntentKind.Help, null)]
    [InlineData("what can you do?", IntentKind.Help, null)]
    [InlineData("aide", IntentKind.Help, null)]
    // Names a service, says nothing clear: offer the commands.
    [InlineData("streaming?", IntentKind.Unsure, "streaming")]
    [InlineData("le site ?", IntentKind.Unsure, "website")]
    public void Match_Question_FindsIntentAndService(string message, IntentKind kind, string? serviceId)
    {
        var match = IntentMatcher.Match(message, Board);

        Assert.Equal((kind, serviceId), (match.Kind, match.ServiceId));
    }

    [Theory]
    [InlineData("I love streaming")]
    [InlineData("thanks!")]
    [InlineData("thank you so much, the site is great")]
    [InlineData("what's up?")]
    [InlineData("why did the chicken cross the road?")]
    [InlineData("the website looks great today")]
    [InlineData("bonjour tout le monde")]
    [InlineData("when is lunch?")]
    [InlineData("lol")]
    [InlineData("merci beaucoup !")]
    [InlineData("ça va ?")]
    [InlineData("good job team")]
    [InlineData("see you tomorrow")]
    [InlineData("I watched a great show on netflix last night")]
    [InlineData("who wants coffee?")]
    [InlineData("j'adore le nouveau site")]
    [InlineData("quand est-ce qu'on mange ?")]
    [InlineData("pourquoi pas")]
    [InlineData("I can't wait for the new website")]
    [InlineData("impossible de ne pas aimer le streaming")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public void Match_Chatter_IsNotAQuestion(string message)
    {
        var match = IntentMatcher.Match(message, Board);

        Assert.Equal(IntentKind.None, match.Kind);
    }

    [Theory]
    [InlineData("pourquoi le streaming est en panne ?", "fr")]
    [InlineData("le site rame", "fr")]
    [InlineData("quand est-ce que le streaming revient ?", "fr")]
    [InlineData("impossible de me connecter", "fr")]
    [InlineData("aide", "fr")]
    [InlineData("why is streaming down?", "en")]
    [InlineData("is the website slow?", "en")]
    [InlineData("when will the API be back?", "en")]
    [InlineData("help", "en")]
    public void Match_Keywords_TellTheLanguage(string message, string language)
    {
        var match = IntentMatcher.Match(message, Board);

        Assert.Equal(language, match.Language?.TwoLetterISOLanguageName);
    }

    [Theory]
    [InlineData("streaming ?")]
    [InlineData("streaming incident ok ?")]
    public void Match_NoTellingKeyword_NoLanguage(string message)
    {
        var match = IntentMatcher.Match(message, Board);

        Assert.Null(match.Language);
    }
}
