namespace Realtime.Scoring.Training;

/// <summary>
/// The history cannot give labelled examples for the settings asked. The message is one line that says what to change
/// (a shorter horizon, other cutoffs, more history), for the command line to print as is.
/// </summary>
public sealed class NotEnoughDataException : Exception
{
    public NotEnoughDataException(string message)
        : base("not enough data: " + message)
    {
    }

    public NotEnoughDataException()
    {
    }

    public NotEnoughDataException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
