namespace StatusBot.Http;

/// <summary>
/// Reads a request body that signatures are checked over, refusing anything over a limit before it is all read.
/// With a declared length the bytes go straight into one array of that size (the common case on every webhook);
/// without one they are gathered in chunks.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> or shorter than it declared.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken) =>
        (await ReadWithReasonAsync(body, declaredLength, maxBytes, cancellationToken)).Body;

    /// <summary>
    /// The body, or null with <c>TooLarge</c> saying whether it was refused for its size (the route answers 413) rather
    /// than for ending before its declared length.
    /// </summary>
    public static async Task<(byte[]? Body, bool TooLarge)> ReadWithReasonAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength is { } length)
        {
            if (length > maxBytes)
            {
                return (null, true);
            }

            if (length < 0)
            {
                return (null, false);
            }

            var exact = new byte[length];
            try
            {
                await body.ReadExactlyAsync(exact, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return (null, false);
            }

            return (exact, false);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }
}
