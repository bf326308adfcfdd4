namespace Realtime.Core.Recommendations;

/// <summary>Best score first; ties by product id so results are deterministic.</summary>
internal sealed class CandidateOrder : IComparer<Candidate>
{
    public static readonly CandidateOrder Instance = new();

    public int Compare(Candidate x, Candidate y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(x.Id, y.Id);
    }
}
