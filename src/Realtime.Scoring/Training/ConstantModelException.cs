namespace Realtime.Scoring.Training;

/// <summary>
/// Training produced a model that gives every customer the same score (too few examples for a single split), so it
/// ranks nobody. It is not registered unless <see cref="ChurnTrainingOptions.AllowConstantModel"/> says so.
/// </summary>
public sealed class ConstantModelException : Exception
{
    public ConstantModelException(string message)
        : base(message)
    {
    }

    public ConstantModelException()
    {
    }

    public ConstantModelException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
