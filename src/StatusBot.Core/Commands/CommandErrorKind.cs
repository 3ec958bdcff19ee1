namespace StatusBot.Core.Commands;

/// <summary>Why a command could not be understood. Each has a sentence in every language.</summary>
public enum CommandErrorKind
{
    Empty,
    UnknownCommand,
    MissingSubcommand,
    UnknownSubcommand,
    UnclosedQuote,
    MissingOption,
    UnexpectedArgument,
    InvalidChoice,
    UnknownService,
    UnknownUpstream,
    InvalidIncidentId,
    NotANumber,
    OutOfRange,
    TooLong,
    ForbiddenCharacters,
}
