namespace Realtime.Scoring.History;

/// <summary>A history reader that skips rows or lines it cannot use, and counts them, so training can say how many.</summary>
public interface ISkipsMalformed
{
    /// <summary>Rows or lines skipped by the last read.</summary>
    int Skipped { get; }
}
