using Microsoft.Extensions.Primitives;

namespace StatusBot.Host.Web.Http;

/// <summary>
/// Middleware: a request whose body is broken on the wire (a chunk size that overflows, a body that trickles in under
/// Kestrel's <c>MinRequestBodyDataRate</c>, a body cut short) is the client's mistake, not the application's. It is answered
/// with Kestrel's own status (400, 408, 413) and a problem-details body naming what was wrong, and logged as one Debug line
/// without a stack trace, instead of an unhandled exception, a 500 and twenty lines at <c>fail</c>.
/// </summary>
public sealed partial class RequestFraming(RequestDelegate next, ILogger<RequestFraming> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!StringValues.IsNullOrEmpty(context.Request.Headers.TransferEncoding))
        {
            // Kestrel reports an overflowing chunk size as a bare IOException; the wrapper names it as the bad request it is.
            context.Request.Body = new ChunkedBodyStream(context.Request.Body);
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            LogRefused(logger, context.Request.Method, ex.StatusCode, ex.Message);
            context.Response.Clear();
            await Results.Problem(statusCode: ex.StatusCode, detail: ex.Message).ExecuteAsync(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused a {Method} request with a broken body ({Status}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, int status, string reason);

    /// <summary>The request body, with a failure to decode its chunked framing raised as a 400 bad request.</summary>
    private sealed class ChunkedBodyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (IOException ex) when (ex is not BadHttpRequestException)
            {
                throw Broken(ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException ex) when (ex is not BadHttpRequestException)
            {
                throw Broken(ex);
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static BadHttpRequestException Broken(IOException ex) =>
            new("The request body's chunked framing is broken: " + ex.Message, StatusCodes.Status400BadRequest, ex);
    }
}
