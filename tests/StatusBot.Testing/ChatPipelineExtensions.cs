using StatusBot.Core.Chat;
using StatusBot.Core.Commands;

namespace StatusBot.Testing;

/// <summary>Runs text commands through the chat pipeline as any platform does, waiting for the answer.</summary>
public static class ChatPipelineExtensions
{
    public static async Task<DispatchResult> RunAsync(this ChatPipeline pipeline, string text, Caller caller) =>
        (await pipeline.AnswerAsync(new ChatRequest(caller, ChatInput.CommandText(text)), CancellationToken.None))!;
}
