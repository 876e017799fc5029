using System.Text;

namespace Assistant.Core.Git;

/// <summary>
/// Formats a <see cref="CommitRequest"/> as the text given to <c>git commit -F -</c>.
/// Trailers are written as the message's last paragraph rather than with <c>--trailer</c>,
/// so the user's <c>trailer.*</c> config cannot reorder or drop them.
/// </summary>
internal static class CommitMessage
{
    public static string Format(CommitRequest request)
    {
        var message = new StringBuilder(request.Subject).Append('\n');
        if (request.Body.Length > 0)
        {
            message.Append('\n').Append(request.Body).Append('\n');
        }

        if (request.Trailers.Count > 0)
        {
            message.Append('\n');
            foreach (var trailer in request.Trailers)
            {
                message.Append(trailer.Key).Append(": ").Append(trailer.Value).Append('\n');
            }
        }

        return message.ToString();
    }
}
