using StatusBot.Core.Replies;

namespace StatusBot.Core.Tests.Chat;

public sealed class ReplyActionTests
{
    [Theory]
    [InlineData("incident resolve INC-1")]
    [InlineData("status streaming")]
    [InlineData("incident open streaming major \"Reports from users\"")]
    public void PressedCommand_CatalogCommand_IsRunAsIs(string value) => Assert.Equal(value, ReplyAction.PressedCommand(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sudo incident resolve INC-1")]
    [InlineData("incident reboot INC-1")]
    [InlineData("incident open streaming major \"unclosed")]
    [InlineData("incident resolve INC-1\nservice set billing major")]
    public void PressedCommand_NotOneOfOurs_IsNull(string? value) => Assert.Null(ReplyAction.PressedCommand(value));

    [Fact]
    public void PressedCommand_LongerThanDiscordsCustomId_IsNull()
    {
        var value = "incident update INC-1 monitoring \"" + new string('x', ReplyAction.MaxCommandLength) + "\"";

        Assert.Null(ReplyAction.PressedCommand(value));
    }
}
