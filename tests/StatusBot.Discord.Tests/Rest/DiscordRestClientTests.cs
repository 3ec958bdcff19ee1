using System.Net;
using StatusBot.Core.Replies;
using StatusBot.Discord.Rendering;
using StatusBot.Discord.Tests.Support;
using StatusBot.Discord.Wire;

namespace StatusBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests : IAsyncLifetime
{
    private RestHarness _rest = null!;

    public async Task InitializeAsync() => _rest = await RestHarness.StartAsync();

    public async Task DisposeAsync() => await _rest.DisposeAsync();

    [Fact]
    public async Task ExecuteWebhookAsync_WaitTrue_ReturnsTheMessageWithoutTheBotToken()
    {
        var result = await _rest.Client.ExecuteWebhookAsync("1900000000000000001", "hook-token_1", DiscordRenderer.ToMessage(new Reply { Title = "hi" }), "1900000000000000002", CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.False(string.IsNullOrEmpty(result.Value!.Id));
        var request = Assert.Single(_rest.Emulator.Requests);
        Assert.Equal("?wait=true&thread_id=1900000000000000002", request.Query);
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task CallbackAsync_InteractionResponse_IsPostedToTheCallbackRoute()
    {
        var response = new InteractionResponse(InteractionResponse.ChannelMessage, DiscordRenderer.ToCallbackData(new Reply { Title = "ok" }));

        var result = await _rest.Client.CallbackAsync("1900000000000000003", "interaction-token", response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, result.Status);
        Assert.Equal(4, _rest.Emulator.Callbacks["1900000000000000003"]["type"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("../../users/@me")]
    [InlineData("12/../34")]
    [InlineData("")]
    public async Task CreateMessageAsync_IdThatIsNotASnowflake_IsRefusedBeforeSending(string channelId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _rest.Client.CreateMessageAsync(channelId, new MessagePayload(), CancellationToken.None));

        Assert.Empty(_rest.Emulator.Requests);
    }
}
