namespace StatusBot.Core.Text;

/// <summary>
/// Reads a request body that signatures are checked over, refusing anything over a limit before it is all read.
/// With a declared length the bytes go straight into one array of that size (the common case on every webhook);
/// without one they are gathered in chunks.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> or shorter than it declared.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? declaredLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (declaredLength is { } length)
        {
            if (length > maxBytes || length < 0)
            {
                return null;
            }

            var exact = new byte[length];
            try
            {
                await body.ReadExactlyAsync(exact, cancellationToken);
            }
            catch (EndOfStreamException)
            {
                return null;
            }

            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
